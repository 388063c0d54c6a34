namespace EventBus;

/// <summary>
/// Reads ahead what a batch's handlers will read: called once with the batch's events (those not
/// applied before) in the batch's scope and transaction, before the first handler runs. A source
/// whose handlers each read a row or two by key reads them for fifty events in one query instead of
/// fifty. It is only a read-ahead: a handler must still find what it needs when no loader ran (a
/// batch of one event retried alone gets its loaders too, but a handler may be called without them
/// in tests). Register it with <see cref="EventBusBuilderExtensions.AddBatchLoader{TLoader}"/>, scoped,
/// so that the handlers of the batch share what it read.
/// </summary>
public interface IEventBatchLoader
{
    Task LoadAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken);
}
