using EventBus.Redis.DeadLetters;
using EventBus.Redis.Inbox;
using EventBus.Redis.Outbox;
using EventBus.Redis.Streams;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace EventBus.Redis;

public static class EventBusExtensions
{
    /// <summary>
    /// Publishes this service's events through a transactional outbox to the Redis stream
    /// <c>{prefix}{serviceName}</c>, and consumes what the returned builder subscribes to through
    /// the consumer group <paramref name="serviceName"/> with an inbox. Call after AddServiceDatabase:
    /// the outbox and inbox live in the service's DbContext (<see cref="EventBusModel.AddEventBusTables"/>).
    /// </summary>
    public static IEventBusBuilder AddRedisEventBus(this IHostApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        services.AddOptions<RedisEventBusOptions>()
            .Bind(builder.Configuration.GetSection(RedisEventBusOptions.Section))
            .Configure(o => o.ServiceName = serviceName)
            .ValidateDataAnnotations()
            .Validate(o => o.RetryAfter > TimeSpan.Zero && o.OutboxPollInterval > TimeSpan.Zero, "EventBus:RetryAfter and OutboxPollInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<EventBusSubscriptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RedisStreams>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton<DeadLetterQueue>();
        services.AddScoped<IEventBus, OutboxEventBus>();
        services.AddScoped<IInterceptor, OutboxCommitInterceptor>();
        services.AddHostedService<OutboxRelay>();
        services.AddHostedService<StreamConsumer>();
        // Without Redis the service still takes writes (events wait in the outbox): degraded, not down.
        services.AddHealthChecks().Add(new HealthCheckRegistration("redis",
            sp => new RedisHealthCheck(sp.GetRequiredService<RedisStreams>()), HealthStatus.Degraded, ["ready"], TimeSpan.FromSeconds(3)));
        return new Builder(services);
    }

    /// <summary>Maps the operator endpoints of the event bus: status and dead letters (admin).</summary>
    public static IEndpointRouteBuilder MapEventBusApi(this IEndpointRouteBuilder app)
    {
        app.MapEventBusEndpoints();
        return app;
    }

    private sealed record Builder(IServiceCollection Services) : IEventBusBuilder;

    private sealed class RedisHealthCheck(RedisStreams streams) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                streams.Ping();
                return Task.FromResult(HealthCheckResult.Healthy());
            }
            catch (Exception e)
            {
                return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "Redis cannot be reached; events wait in the outbox.", e));
            }
        }
    }
}
