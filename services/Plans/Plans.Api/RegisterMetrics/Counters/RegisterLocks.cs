using System.Text;
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
/// <remarks>Scoped, one per batch: a lock is taken once in the batch's transaction and held until it ends.</remarks>
public sealed class RegisterLocks(PlansDbContext db)
{
    private readonly HashSet<string> held = new(StringComparer.Ordinal);

    /// <summary>Before an event changes a register's copy.</summary>
    public async Task ForEventAsync(string register, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql() || !held.Add(register))
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
