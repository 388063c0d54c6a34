using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ServiceDefaults.Telemetry;

/// <summary>
/// Traces and metrics through OpenTelemetry: incoming requests, outgoing HTTP calls, and what the
/// building blocks add themselves (the database, Redis and the event bus register their sources with
/// <c>ConfigureOpenTelemetryTracerProvider</c>). Nothing leaves the process unless the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> variables name a collector; metrics can also be scraped by Prometheus
/// at <c>/metrics</c>, from inside the network only.
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The meter of ASP.NET Core's request instruments.</summary>
    private const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    /// <summary>
    /// The tag combinations a stream keeps apart, beyond which OpenTelemetry counts in one overflow point, for every
    /// instrument but the request ones. OpenTelemetry allocates a stream's room when it creates the stream: 144 KB for
    /// its default of 2,000, 4.5 MB of an idle service's heap over the runtime's and the event bus's thirty streams, whose
    /// tags take a few values each (collector generations; event types by outcome). The request instruments keep the
    /// default: their routes, methods and statuses combine.
    /// </summary>
    public const int FewTagsCardinalityLimit = 200;

    public static WebApplicationBuilder AddServiceTelemetry(this WebApplicationBuilder builder, ServiceDescription service)
    {
        var exportsOtlp = ExportsOtlp(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(service.Name))
            // Of the framework's per-request instruments, only the server's requests (http.server.request.duration,
            // http.server.active_requests), which the alerts read (docs/operations.md): Kestrel's, routing's, rate
            // limiting's and the HTTP client's were updated on every request (at the gateway, twice: in and out) for
            // no dashboard, and took about 5 % of the gateway's CPU samples while it proxied (perf: 5.4 % before, 0.5 % after).
            .WithMetrics(metrics => metrics
                .AddMeter(AspNetCoreHostingMeter)
                .AddRuntimeInstrumentation()
                .AddView(instrument => instrument.Meter.Name == AspNetCoreHostingMeter
                    ? null
                    : new MetricStreamConfiguration { CardinalityLimit = FewTagsCardinalityLimit })
                .AddPrometheusExporter());
        // Spans are recorded only when something receives them: recording them for no one cost every
        // request (and, at the gateway, every proxied call) an activity and its tags. The W3C trace
        // context still travels through every hop and into events without it.
        if (exportsOtlp || builder.Configuration.GetValue<bool>(TracingSetting))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperational(context.Request.Path))
                .AddHttpClientInstrumentation());
        }

        if (exportsOtlp)
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// <c>Telemetry:Tracing=true</c> records spans for an exporter added in code (tests, an in-process
    /// collector); with OTLP configured they are recorded anyway.
    /// </summary>
    public const string TracingSetting = "Telemetry:Tracing";

    /// <summary>
    /// The Prometheus scrape endpoint. It answers only callers on the same host or a private network
    /// (a Prometheus in the cluster) that did not come through a proxy: behind the gateway's ingress the
    /// caller's address is the client's, and the public never reads the service's internals.
    /// </summary>
    public static WebApplication MapServiceTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath)
            .AddEndpointFilter(async (context, next) => IsInternal(context.HttpContext)
                ? await next(context)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound))
            .ExcludeFromDescription();
        return app;
    }

    private static bool ExportsOtlp(IConfiguration configuration) =>
        new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT" }
            .Any(name => !string.IsNullOrWhiteSpace(configuration[name]));

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);

    private static bool IsInternal(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        return bytes.Length == 4
            ? bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168)
            : address.IsIPv6UniqueLocal || address.IsIPv6LinkLocal;
    }
}
