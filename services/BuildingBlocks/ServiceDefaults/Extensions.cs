using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceDefaults.Auth;
using ServiceDefaults.Bench;
using ServiceDefaults.Hosting;
using ServiceDefaults.Http;
using ServiceDefaults.Json;
using ServiceDefaults.OpenApi;
using ServiceDefaults.Problems;
using ServiceDefaults.Telemetry;
using ServiceDefaults.Validation;

namespace ServiceDefaults;

/// <summary>The defaults every service shares: one call to add them, one to map them.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, ServiceDescription service)
    {
        builder.Services.AddSingleton(service);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(console =>
        {
            console.IncludeScopes = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        // Registered before AddProblemDetails adds the framework's writer, so problems are JSON whatever Accept says.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(options => JsonDefaults.Apply(options.SerializerOptions));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<JsonOptions>().Configure<IHttpContextAccessor>((options, http) => PersonalDataJson.Apply(options.SerializerOptions, http));
        // Binding failures throw so that they reach the one exception handler as problem details.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddRequestLimits(builder.Configuration);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.Services.AddServiceResponseCompression();

        RequestValidation.ConfigureGlobalOptions();
        // A validator that takes no service but the clock (a singleton) is built once (its rules were built per request, 1.5%
        // of a list's CPU); one that takes another (a database to look in) is built for each request's scope.
        builder.Services.AddValidatorsFromAssembly(service.Assembly, ServiceLifetime.Singleton, v => TakesOnlyTheClock(v.ValidatorType),
            includeInternalTypes: true);
        builder.Services.AddValidatorsFromAssembly(service.Assembly, ServiceLifetime.Scoped, v => !TakesOnlyTheClock(v.ValidatorType),
            includeInternalTypes: true);
        builder.Services.AddScoped<JsonMergePatch>();
        builder.Services.AddHealthChecks();
        builder.Services.AddStartupWork();
        builder.Services.AddServiceOpenApi(service);
        builder.AddServiceAuth();
        builder.AddServiceTelemetry(service);
        return builder;
    }

    /// <summary>
    /// The shared pipeline, in order: no body for HEAD; the caller's address from trusted proxies;
    /// request id and security headers; problems for exceptions and for bare error statuses; what no
    /// request may be (too large, headers no hop can carry); compression; routing (HEAD as GET); what
    /// no query or body may be; authentication, refusing unusable tokens; authorization.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        var service = app.Services.GetRequiredService<ServiceDescription>();
        app.UseBareEndpointWhenBenchmarking();
        app.UseHeadWithoutBody();
        app.UseForwardedHeaders();
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseMiddleware<HeaderValuesMiddleware>();
        app.UseServiceResponseCompression();
        app.UseRoutingWithHead();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<QueryValuesMiddleware>();
        app.UseMiddleware<JsonCharsetMiddleware>();
        app.UseServiceAuth();
        app.MapServiceOpenApi(service);
        app.MapHealthEndpoints();
        app.MapServiceTelemetry();
        return app;
    }

    private static bool TakesOnlyTheClock(Type validator) =>
        validator.GetConstructors().All(c => c.GetParameters().All(p => p.ParameterType == typeof(TimeProvider)));
}
