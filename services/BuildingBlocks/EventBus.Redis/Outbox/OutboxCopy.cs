using Microsoft.EntityFrameworkCore;
using Persistence.Data;

namespace EventBus.Redis.Outbox;

/// <summary>
/// Writes events with one binary COPY on PostgreSQL, for a bulk writer that saves its own rows the same way
/// instead of through SaveChanges: those published in this scope (<see cref="IEventBus.Publish"/> adds them to
/// the context), and those given to <see cref="WriteAsync"/>, which the context never tracks. They are outbox rows
/// of the context's transaction like any others: the relay is woken at its commit, and a rollback leaves none.
/// </summary>
public sealed class OutboxCopy
{
    private readonly DbContext db;
    private readonly OutboxCommitInterceptor commits;
    private readonly string source;

    internal OutboxCopy(DbContext db, OutboxCommitInterceptor commits, string source)
    {
        this.db = db;
        this.commits = commits;
        this.source = source;
    }

    /// <summary>
    /// Copies the events waiting in the context and <paramref name="events"/> to the outbox table, and stops tracking
    /// them; returns how many. The given events become outbox rows as <see cref="IEventBus.Publish"/> would make them,
    /// untracked (a bulk writer's thousands cost no change tracking), each as the COPY reaches it: the database stores
    /// the rows sent while the next ones are serialised.
    /// </summary>
    public async Task<int> WriteAsync(IReadOnlyCollection<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count + events.Count == 0)
        {
            return 0;
        }

        await PostgresCopy.CopyAsync(db, added.Select(e => e.Entity).Concat(events.Select(e => OutboxEventBus.Message(e, source))), cancellationToken);
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }

        commits.EventsWritten(db);
        return added.Count + events.Count;
    }
}
