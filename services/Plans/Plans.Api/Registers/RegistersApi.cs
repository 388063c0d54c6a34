using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenTelemetry.Metrics;
using Plans.Api.Metrics;
using ServiceDefaults.ServiceClients;
using SharedKernel.Access;

namespace Plans.Api.Registers;

public static class RegistersApi
{
    /// <summary>The local copy of the enterprise register, its metrics and its reconciliation.</summary>
    public static IServiceCollection AddRegisterMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EnterpriseRegisterOptions.Section);
        services.AddOptions<EnterpriseRegisterOptions>().Bind(section)
            .Validate(EnterpriseRegisterOptions.IsValid, $"{EnterpriseRegisterOptions.Section}: BaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddScoped<MetricRefresher>();
        services.AddSingleton<MetricsTelemetry>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(MetricsTelemetry.MeterName));
        services.AddSingleton<EnterpriseRegisterReconciliation>();
        services.AddHttpClient<EnterpriseRegisterClient>()
            .AddClientCredentials(credentials => (section.Get<EnterpriseRegisterOptions>() ?? new()).CopyTo(credentials));
        services.AddHostedService<ReconcileOnStartup>();
        return services;
    }

    public static RouteGroupBuilder MapRegistersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/registers").WithTags("Registers");
        group.MapPost("/enterprises/reconcile", Reconcile).WithName("ReconcileEnterpriseRegister")
            .WithSummary("Rebuild the local copy of the enterprise register from the Enterprises API and refresh every bound indicator (admin; also done at start-up)")
            .RequireAuthorization(Scopes.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<Ok<ReconcileReport>> Reconcile(ISender sender, EnterpriseRegisterReconciliation reconciliation,
        CancellationToken ct) =>
        TypedResults.Ok(await reconciliation.RunAsync(sender, ct));
}
