using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EventBus.Redis.Outbox;

/// <summary>Wakes the relay when a commit has put events in the outbox.</summary>
internal sealed class OutboxSignal : Signal;

/// <summary>
/// Notifies the relay once events are committed: after SaveChanges outside a transaction, or
/// after the commit of the transaction that SaveChanges ran in (its rows are invisible before).
/// One instance serves one DbContext (it is scoped), so it remembers that a save in the current
/// transaction wrote events even when the change tracker is cleared before the commit (a refused
/// row of a CSV import clears it).
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private bool eventsSaved;

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfSaved();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NotifyIfSaved();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        eventsSaved = false;
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => eventsSaved = false;

    /// <summary>Events were written to the outbox without SaveChanges (<see cref="OutboxCopy"/>): the relay is woken as for a save.</summary>
    internal void EventsWritten(DbContext context)
    {
        eventsSaved = true;
        if (context.Database.CurrentTransaction is null)
        {
            NotifyIfSaved();
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && HasUnpublishedEvents(context))
        {
            EventsWritten(context);
        }
    }

    private void NotifyIfSaved()
    {
        if (eventsSaved)
        {
            eventsSaved = false;
            signal.Notify();
        }
    }

    /// <summary>
    /// Runs after every SaveChanges of the service, so it only reads what is tracked: the save has
    /// just detected changes, and another DetectChanges pass over every entity would be wasted.
    /// </summary>
    private static bool HasUnpublishedEvents(DbContext context)
    {
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<OutboxMessage>().Any(e => e.Entity.PublishedAt is null);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
