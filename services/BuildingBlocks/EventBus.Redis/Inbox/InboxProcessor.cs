using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Persistence;

namespace EventBus.Redis.Inbox;

/// <summary>
/// Applies an event once: in a fresh scope and one database transaction, the handlers' effects
/// and the inbox row commit together. An event id already in the inbox is skipped.
/// </summary>
internal sealed class InboxProcessor(IServiceScopeFactory scopes, IOptions<EventBusSubscriptions> subscriptions, TimeProvider clock)
{
    private static readonly MethodInfo DispatchMethod = typeof(InboxProcessor).GetMethod(nameof(DispatchAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, IntegrationEvent, CancellationToken, Task>> Dispatchers = new();

    /// <summary>True when this service handles events of the envelope's type.</summary>
    public bool Handles(EventEnvelope envelope) => subscriptions.Value.EventTypes.ContainsKey(envelope.Type);

    /// <summary>Applies the event; false when it had been applied before.</summary>
    public async Task<bool> ApplyAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        if (await db.Set<InboxMessage>().AnyAsync(m => m.EventId == envelope.Id, cancellationToken))
        {
            return false;
        }

        var eventType = subscriptions.Value.EventTypes[envelope.Type];
        var @event = envelope.Unwrap(eventType);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dispatch = Dispatchers.GetOrAdd(eventType, t => DispatchMethod.MakeGenericMethod(t)
            .CreateDelegate<Func<IServiceProvider, IntegrationEvent, CancellationToken, Task>>());
        await dispatch(scope.ServiceProvider, @event, cancellationToken);
        db.Set<InboxMessage>().Add(new InboxMessage(envelope.Id, envelope.Type, envelope.Source, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.IsUniqueViolation(e))
        {
            // Another replica applied it first; its effect stands and ours rolls back.
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task DispatchAsync<TEvent>(IServiceProvider services, IntegrationEvent @event, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        foreach (var handler in services.GetServices<IIntegrationEventHandler<TEvent>>())
        {
            await handler.HandleAsync((TEvent)@event, cancellationToken);
        }
    }
}
