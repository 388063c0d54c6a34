using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EventBus.Redis.Outbox;

/// <summary>Wakes the relay when a commit has put events in the outbox.</summary>
internal sealed class OutboxSignal : Signal;

/// <summary>
/// Notifies the relay once events are committed: after SaveChanges outside a transaction, or
/// after the commit of the transaction that SaveChanges ran in (its rows are invisible before).
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        NotifyIfCommitted(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfCommitted(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfPending(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NotifyIfPending(eventData.Context);

    private void NotifyIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            NotifyIfPending(context);
        }
    }

    /// <summary>
    /// Runs after every SaveChanges of the service, so it only reads what is tracked: the save has
    /// just detected changes, and another DetectChanges pass over every entity would be wasted.
    /// </summary>
    private void NotifyIfPending(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OutboxMessage>().Any(e => e.Entity.PublishedAt is null))
            {
                signal.Notify();
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
