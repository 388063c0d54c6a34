using System.Reflection;
using EventBus;
using Microsoft.OpenApi;
using OpenTelemetry.Metrics;
using Plans.Api.RegisterMetrics.Counters;
using Plans.Api.RegisterMetrics.Reconciliation;
using Plans.Api.RegisterMetrics.Refresh;
using ServiceDefaults.ServiceClients;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Plans.Api.RegisterMetrics;

public static class RegisterMetricsSetup
{
    /// <summary>
    /// The engine (counters kept by the event batches, the refresher, reconciliation, the daily refresh)
    /// and every register source of this service's assembly: a new register is found without being listed.
    /// </summary>
    public static IServiceCollection AddRegisterMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RegisterSources>();
        services.AddScoped<MetricCounters>();
        services.AddScoped<MetricRefresher>();
        services.AddScoped<CounterChanges>();
        services.AddScoped<IEventBatchObserver>(sp => sp.GetRequiredService<CounterChanges>());
        services.AddScoped<RegisterLocks>();
        services.AddSingleton<MetricsTelemetry>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(MetricsTelemetry.MeterName));
        services.AddSingleton<RegisterReconciliation>();
        services.AddHostedService<ReconcileOnStartup>();
        services.AddHostedService<RefreshOnNewDay>();
        services.ConfigureSwaggerGen(swagger => swagger.DocumentFilter<MetricKeysDocumentation>());
        var sources = typeof(RegisterMetricsSetup).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRegisterSource).IsAssignableFrom(t));
        foreach (var type in sources.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            services.AddRegisterSource((IRegisterSource)Activator.CreateInstance(type)!, configuration);
        }

        return services;
    }

    /// <summary>
    /// Registers a source: its keys, and for a connected one its event handlers, the <c>Registers:{Register}</c>
    /// section and the HTTP client that reads its owner's API.
    /// </summary>
    public static IServiceCollection AddRegisterSource(this IServiceCollection services, IRegisterSource source, IConfiguration configuration)
    {
        services.AddSingleton(source);
        if (source.Copy is not { } copy)
        {
            return services;
        }

        var section = configuration.GetSection(RegisterOptions.SectionOf(source.Register));
        services.AddOptions<RegisterOptions>(source.Register).Bind(section)
            .Validate(RegisterOptions.IsValid, $"{section.Path}: BaseUrl must be an absolute http(s) URL.")
            .Validate(RegisterOptions.HasWaits, $"{section.Path}: StartupRetryDelay must be positive and at most a day, StartupRetryFor from zero to a day.")
            .ValidateOnStart();
        services.AddHttpClient(RegisterApiClient.HttpClientName(source.Register))
            .AddClientCredentials(credentials => (section.Get<RegisterOptions>() ?? new()).CopyTo(credentials, source.Register));
        copy.Subscribe(new Subscriptions(services));
        return services;
    }

    private sealed record Subscriptions(IServiceCollection Services) : IEventBusBuilder;

    /// <summary>Appends every source's key documentation to the OpenAPI description.</summary>
    internal sealed class MetricKeysDocumentation(RegisterSources sources) : IDocumentFilter
    {
        private const string Heading = "## Register metrics an indicator may bind to";

        /// <remarks>The document's info is the options' own object, shared by every generation: it is appended to once.</remarks>
        public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
        {
            if (swaggerDoc.Info.Description?.Contains(Heading, StringComparison.Ordinal) != true)
            {
                swaggerDoc.Info.Description += $"\n\n{Heading}\n\n{sources.KeyDocumentation}";
            }
        }
    }
}
