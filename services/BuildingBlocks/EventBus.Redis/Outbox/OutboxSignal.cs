using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace EventBus.Redis.Outbox;

/// <summary>Wakes the relay when a commit has put events in the outbox.</summary>
internal sealed class OutboxSignal : Signal;

/// <summary>
/// Notifies the relay once events are committed: after SaveChanges outside a transaction, or
/// after the commit of the transaction that SaveChanges ran in (its rows are invisible before).
/// One instance serves every DbContext (contexts are pooled, so it holds no state of one): it
/// remembers the transactions in which a save wrote events, so that their commit wakes the relay
/// even when the change tracker was cleared before it (a refused row of a CSV import clears it).
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, object> transactionsWithEvents = new();

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
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (transactionsWithEvents.Remove(transaction))
        {
            signal.Notify();
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => transactionsWithEvents.Remove(transaction);

    /// <summary>Events were written to the outbox without SaveChanges (<see cref="OutboxCopy"/>): the relay is woken as for a save.</summary>
    internal void EventsWritten(DbContext context)
    {
        if (context.Database.CurrentTransaction?.GetDbTransaction() is { } transaction)
        {
            transactionsWithEvents.AddOrUpdate(transaction, transaction);
        }
        else
        {
            signal.Notify();
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && HasUnpublishedEvents(context))
        {
            EventsWritten(context);
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
