using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventBus.Redis.Outbox;

/// <summary>Publishes by adding to the outbox of the request's DbContext; the relay does the rest.</summary>
internal sealed class OutboxEventBus(DbContext db, IOptions<RedisEventBusOptions> options) : IEventBus
{
    public void Publish(IntegrationEvent @event) => db.Set<OutboxMessage>().Add(Message(@event, options.Value.ServiceName));

    /// <summary>The outbox row of an event published by <paramref name="source"/> (the service).</summary>
    public static OutboxMessage Message(IntegrationEvent @event, string source) => new(EventEnvelope.Wrap(@event, source));
}
