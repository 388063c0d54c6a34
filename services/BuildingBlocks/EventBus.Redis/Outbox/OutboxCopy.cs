using Microsoft.EntityFrameworkCore;
using Persistence.Data;

namespace EventBus.Redis.Outbox;

/// <summary>
/// Writes the events published in this scope (<see cref="IEventBus.Publish"/> adds them to the context) with
/// one binary COPY on PostgreSQL, for a bulk writer that saves its own rows the same way instead of through
/// SaveChanges. They are outbox rows of the context's transaction like any others: the relay is woken at
/// its commit, and a rollback leaves none.
/// </summary>
public sealed class OutboxCopy
{
    private readonly DbContext db;
    private readonly OutboxCommitInterceptor commits;

    internal OutboxCopy(DbContext db, OutboxCommitInterceptor commits)
    {
        this.db = db;
        this.commits = commits;
    }

    /// <summary>Copies the events waiting in the context to the outbox table, and stops tracking them; returns how many.</summary>
    public async Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0)
        {
            return 0;
        }

        await PostgresCopy.CopyAsync(db, added.Select(e => e.Entity), cancellationToken);
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }

        commits.EventsWritten(db);
        return added.Count;
    }
}
