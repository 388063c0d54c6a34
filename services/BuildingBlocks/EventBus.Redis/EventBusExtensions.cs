using EventBus.Redis.DeadLetters;
using EventBus.Redis.Inbox;
using EventBus.Redis.Leases;
using EventBus.Redis.Outbox;
using EventBus.Redis.Streams;
using EventBus.Redis.Telemetry;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServiceDefaults;
using ServiceDefaults.Hosting;
using ServiceDefaults.Messaging;
using IConnectionMultiplexer = StackExchange.Redis.IConnectionMultiplexer;

namespace EventBus.Redis;

public static class EventBusExtensions
{
    /// <summary>
    /// Publishes this service's events through a transactional outbox to the Redis stream
    /// <c>{prefix}{serviceName}</c>, and consumes what the returned builder subscribes to through
    /// the consumer group <paramref name="serviceName"/> with an inbox. Call after AddServiceDatabase:
    /// the outbox and inbox live in the service's DbContext (<see cref="EventBusModel.AddEventBusTables"/>).
    /// Registers the service's one <see cref="IConnectionMultiplexer"/> (from <c>EventBus:Redis</c>)
    /// for other building blocks to share, and the bus's traces and metrics with OpenTelemetry
    /// (which stays off until the service defaults turn it on).
    /// </summary>
    public static IEventBusBuilder AddRedisEventBus(this IHostApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        services.AddOptions<RedisEventBusOptions>()
            .Bind(builder.Configuration.GetSection(RedisEventBusOptions.Section))
            .Configure(o => o.ServiceName = serviceName)
            .ValidateDataAnnotations()
            .Validate(o => o.RetryAfter > TimeSpan.Zero && Waits.IsWait(o.StreamPollInterval) && Waits.IsWait(o.OutboxPollInterval)
                    && o.WorkLeaseTime >= TimeSpan.FromSeconds(1) && Waits.IsWait(o.WorkLeaseTime) && IsRetention(o),
                "EventBus:RetryAfter must be positive, StreamPollInterval and OutboxPollInterval positive and at most a day, WorkLeaseTime at " +
                "least a second and at most a day, Retention at least RetryAfter times MaxDeliveries and at most 3,650 days.")
            .ValidateOnStart();
        services.AddOptions<EventBusSubscriptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConnectionMultiplexer>(sp => RedisStreams.Connect(
            sp.GetRequiredService<IOptions<RedisEventBusOptions>>().Value.Redis, serviceName, sp.GetService<ILoggerFactory>()));
        services.AddMetrics();
        services.AddSingleton<EventBusMetrics>();
        services.AddSingleton<RedisStreams>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton<DeadLetterQueue>();
        services.AddSingleton<IWorkLeases, RedisWorkLeases>();
        services.AddScoped<IEventBus, OutboxEventBus>();
        services.AddSingleton<OutboxCommitInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<OutboxCommitInterceptor>());
        services.AddScoped(sp => new OutboxCopy(sp.GetRequiredService<Microsoft.EntityFrameworkCore.DbContext>(),
            sp.GetRequiredService<OutboxCommitInterceptor>(), sp.GetRequiredService<IOptions<RedisEventBusOptions>>().Value.ServiceName));
        services.AddHostedService<OutboxRelay>();
        services.AddHostedService<StreamConsumer>();
        // Without Redis the service still takes writes (events wait in the outbox): degraded, not down.
        services.AddHealthChecks().AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), "redis", HealthStatus.Degraded,
            [HealthEndpoints.ReadyTag], TimeSpan.FromSeconds(3));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(EventBusTelemetry.ActivitySourceName).AddRedisInstrumentation());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(EventBusTelemetry.MeterName));
        return new Builder(services);
    }

    /// <summary>Maps the operator endpoints of the event bus: status and dead letters (admin).</summary>
    public static IEndpointRouteBuilder MapEventBusApi(this IEndpointRouteBuilder app)
    {
        app.MapEventBusEndpoints(app.ServiceProvider.GetRequiredService<ServiceDescription>().Name);
        return app;
    }

    private sealed record Builder(IServiceCollection Services) : IEventBusBuilder;

    /// <summary>
    /// How long inbox rows are kept: past the last redelivery of an event (an earlier deletion would let the redelivery be applied
    /// again), and within the calendar when subtracted from today (compared in milliseconds, which the product cannot overflow).
    /// </summary>
    private static bool IsRetention(RedisEventBusOptions o) =>
        o.Retention.TotalMilliseconds >= o.RetryAfter.TotalMilliseconds * o.MaxDeliveries && o.Retention <= TimeSpan.FromDays(3650);
}
