namespace EventBus;

/// <summary>
/// Takes part in applying a batch of events: what one read of the streams returned. The consumer
/// applies a batch in one DI scope and one database transaction: its loaders
/// (<see cref="IEventBatchLoader"/>), each event's handlers and inbox row, one save, then
/// <see cref="CompletedAsync"/> once, then the commit, and only then the acknowledgements. Work that would cost the same for one event as for fifty (a count flushed,
/// indicators refreshed) is done once per batch here instead of once per event. When anything of
/// the batch fails, the whole batch (this instance with it) is dropped and its events are applied
/// again: without the one whose handlers failed, or else one at a time, each with a batch of its own. Register it as a scoped service: the instance
/// lives as long as its batch.
/// </summary>
public interface IEventBatchObserver
{
    /// <summary>
    /// Runs once after the batch's events are saved (when at least one was applied), in the batch's
    /// transaction, before it commits. When it throws, the whole batch rolls back.
    /// </summary>
    Task CompletedAsync(CancellationToken cancellationToken);
}
