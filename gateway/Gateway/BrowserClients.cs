namespace Gateway;

/// <summary>
/// CORS for browser and web-view clients, from <c>Cors:AllowedOrigins</c> (none by default). The
/// headers the API's conventions use are allowed in, and those clients need to read are exposed.
/// </summary>
internal static class BrowserClients
{
    public static IServiceCollection AddBrowserClients(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", "X-Request-Id")
            .WithExposedHeaders("ETag", "Location", "Retry-After", "X-Request-Id", "Idempotent-Replayed")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }
}
