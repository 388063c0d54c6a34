using System.Text;
using EventBus;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;

namespace Plans.Api.RegisterMetrics.Counters;

/// <summary>
/// Keeps a rebuild of a register's copy from racing the events that change it. On PostgreSQL an
/// event's handlers hold a shared transaction-level advisory lock on the register, a rebuild the
/// exclusive one: a rebuild waits for the batches in flight and the next ones wait for it, so its
/// counters are never replaced under a batch's deltas. On SQLite every write transaction holds the
/// database's write lock from its start (BEGIN IMMEDIATE), which serialises them already.
/// </summary>
/// <remarks>
/// Scoped, one per batch. A lock taken under an event's savepoint is released when the event rolls
/// back, so such an event's locks are forgotten with it.
/// </remarks>
public sealed class RegisterLocks(PlansDbContext db) : IEventBatchObserver
{
    private readonly HashSet<string> held = new(StringComparer.Ordinal);
    private readonly HashSet<string> heldThisEvent = new(StringComparer.Ordinal);

    /// <summary>Before an event changes a register's copy.</summary>
    public async Task ForEventAsync(string register, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql() || held.Contains(register) || !heldThisEvent.Add(register))
        {
            return;
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({KeyOf(register)})", ct);
    }

    /// <summary>Before a rebuild of a register's copy, in its transaction.</summary>
    public async Task ForRebuildAsync(string register, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({KeyOf(register)})", ct);
        }
    }

    public void EventApplied()
    {
        held.UnionWith(heldThisEvent);
        heldThisEvent.Clear();
    }

    public void EventRolledBack() => heldThisEvent.Clear();

    public Task CompletedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A stable 64-bit key per register (FNV-1a of its name), the same in every replica.</summary>
    private static long KeyOf(string register)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("plans.register-copy:" + register))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
