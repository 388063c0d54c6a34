using Microsoft.EntityFrameworkCore;
using Persistence.Data;

namespace EventBus.Redis.Outbox;

/// <summary>
/// Writes events with one binary COPY on PostgreSQL, for a bulk writer that saves its own rows the same way
/// instead of through SaveChanges: those published in this scope (<see cref="IEventBus.Publish"/> adds them to
/// the context), and those given to <see cref="Publish"/>, which the context never tracks. They are outbox rows
/// of the context's transaction like any others: the relay is woken at its commit, and a rollback leaves none.
/// </summary>
public sealed class OutboxCopy
{
    private readonly DbContext db;
    private readonly OutboxCommitInterceptor commits;
    private readonly string source;
    private readonly List<OutboxMessage> pending = [];

    internal OutboxCopy(DbContext db, OutboxCommitInterceptor commits, string source)
    {
        this.db = db;
        this.commits = commits;
        this.source = source;
    }

    /// <summary>
    /// The event as <see cref="IEventBus.Publish"/> would put it in the outbox, held here untracked until the next
    /// <see cref="WriteAsync"/>: a bulk writer's thousands of events cost no change tracking.
    /// </summary>
    public void Publish(IntegrationEvent @event) => pending.Add(OutboxEventBus.Message(@event, source));

    /// <summary>Copies the events waiting in the context and in <see cref="Publish"/> to the outbox table, and stops tracking them; returns how many.</summary>
    public async Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count + pending.Count == 0)
        {
            return 0;
        }

        await PostgresCopy.CopyAsync(db, added.Select(e => e.Entity).Concat(pending), cancellationToken);
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }

        var written = added.Count + pending.Count;
        pending.Clear();
        commits.EventsWritten(db);
        return written;
    }
}
