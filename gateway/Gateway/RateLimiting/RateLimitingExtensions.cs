using SharedKernel.Errors;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ServiceDefaults.Hosting;
using ServiceDefaults.Problems;

namespace Gateway.RateLimiting;

/// <summary>
/// Fixed-window limits per client: a caller whose token this gateway signed is counted by its client
/// id; everyone else (anonymous, or a token the gateway cannot verify) by IP address, so forging
/// client ids buys no extra quota. Over the limit: 429 problem details with Retry-After. Health
/// probes are not limited. With <c>RateLimits:Redis</c> set, the windows are counted in Redis and
/// shared by every gateway replica (<see cref="SharedWindows"/>); otherwise in this gateway's memory.
/// </summary>
public static class RateLimitingExtensions
{
    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => Waits.IsWait(o.Window), "RateLimits:Window must be positive and at most a day.")
            .Validate(o => o.PerClient > 0 && o.PerAnonymousAddress > 0 && o.Clients.Values.All(limit => limit > 0),
                "RateLimits:PerClient, PerAnonymousAddress and each of RateLimits:Clients must be positive.")
            .ValidateOnStart();
        services.AddSingleton<VerifiedClients>();
        services.AddSingleton<SharedWindows>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/health"))
        {
            return RateLimitPartition.GetNoLimiter("health");
        }

        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var clientId = http.RequestServices.GetRequiredService<VerifiedClients>().ClientId(http);
        var (key, permits) = clientId is null
            ? ($"address:{http.Connection.RemoteIpAddress}", options.PerAnonymousAddress)
            : ($"client:{clientId}", options.Clients.GetValueOrDefault(clientId, options.PerClient));
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            var shared = http.RequestServices.GetRequiredService<SharedWindows>();
            return RateLimitPartition.Get(key, k => shared.For(k, permits));
        }

        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = options.Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = ProblemDetailsFactory.Create(429, ErrorCodes.RateLimited, "Too many requests",
            $"The rate limit for your client was reached; retry after {seconds} s.");
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context.HttpContext, ProblemDetails = problem });
    }
}
