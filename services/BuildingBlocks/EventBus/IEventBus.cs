namespace EventBus;

/// <summary>Publishes integration events.</summary>
public interface IEventBus
{
    /// <summary>
    /// Queues the event in the outbox of the current unit of work (the service's DbContext). It is
    /// written by the next SaveChanges, in the same transaction as the change it reports, and
    /// published to the stream after commit; a change that is not saved publishes nothing.
    /// </summary>
    void Publish(IntegrationEvent @event);
}

/// <summary>
/// Applies one type of event. It runs in the DI scope and database transaction of its batch (see
/// <see cref="IEventBatchObserver"/>); the event id is recorded in the inbox in the same save, so
/// an event is applied once, however often it is delivered. Throwing rolls back the batch: this
/// event alone fails and stays unacknowledged, so it is retried and, after too many tries,
/// dead-lettered, while the others are applied again without it. The batch is saved once, after its
/// last event: a handler finds what earlier events of the batch changed or added through the change
/// tracker (<c>FindAsync</c> by key), but a query reads only what is saved, so a handler that reads
/// rows by query keeps those it read and added for the batch (a scoped service, filled ahead by an
/// <see cref="IEventBatchLoader"/>).
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent @event, CancellationToken cancellationToken);
}
