using SharedKernel.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Plans.Api.Metrics;
using ServiceDefaults.Auth;

namespace Plans.Api.Registers;

public static class RegistersApi
{
    /// <summary>The local copy of the enterprise register, its metrics and its reconciliation.</summary>
    public static IServiceCollection AddRegisterMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EnterpriseRegisterOptions>().Bind(configuration.GetSection(EnterpriseRegisterOptions.Section))
            .Validate(EnterpriseRegisterOptions.IsValid,
                $"{EnterpriseRegisterOptions.Section}: BaseUrl and TokenUrl must be absolute http(s) URLs, and a TokenUrl needs ClientId and ClientSecret.")
            .ValidateOnStart();
        services.AddScoped<MetricRefresher>();
        services.AddSingleton<RegisterTokenCache>();
        services.AddSingleton<ReconciliationGate>();
        services.AddHttpClient<EnterpriseRegisterClient>(http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<EnterpriseRegisterReconciler>();
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

    private static async Task<Ok<ReconcileReport>> Reconcile(EnterpriseRegisterReconciler reconciler, CancellationToken ct) =>
        TypedResults.Ok(await reconciler.ReconcileAsync(ct));
}
