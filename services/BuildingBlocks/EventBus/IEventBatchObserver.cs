namespace EventBus;

/// <summary>
/// Takes part in applying a batch of events: what one read of the streams returned. The consumer
/// applies a batch in one DI scope and one database transaction: each event's handlers and inbox
/// row under a savepoint of their own, then <see cref="CompletedAsync"/> once, then the commit, and
/// only then the acknowledgements. Work that would cost the same for one event as for fifty (a
/// count flushed, indicators refreshed) is done once per batch here instead of once per event.
/// Register it as a scoped service: the instance lives as long as its batch.
/// </summary>
public interface IEventBatchObserver
{
    /// <summary>An event's savepoint was released: what its handlers left for the batch stays.</summary>
    void EventApplied();

    /// <summary>An event failed and was rolled back to its savepoint: drop what its handlers left for the batch.</summary>
    void EventRolledBack();

    /// <summary>
    /// Runs once after the batch's last event (when at least one was applied), in the batch's
    /// transaction, before it commits. When it throws, the whole batch rolls back and its events are
    /// applied again one at a time, each with a batch of its own.
    /// </summary>
    Task CompletedAsync(CancellationToken cancellationToken);
}
