using EventBus.Redis.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
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
        builder.Services.AddOptions<RedisEventBusOptions>()
            .Bind(builder.Configuration.GetSection(RedisEventBusOptions.Section))
            .Configure(o => o.ServiceName = serviceName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<EventBusSubscriptions>();
        builder.Services.AddScoped<IEventBus, OutboxEventBus>();
        return new Builder(builder.Services);
    }

    /// <summary>Maps the operator endpoints of the event bus (dead letters).</summary>
    public static IEndpointRouteBuilder MapEventBusApi(this IEndpointRouteBuilder app) => app;

    private sealed record Builder(IServiceCollection Services) : IEventBusBuilder;
}
