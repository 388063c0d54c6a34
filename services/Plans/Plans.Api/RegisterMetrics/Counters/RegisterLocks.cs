using System.Text;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Plans.Api.Data;

namespace Plans.Api.RegisterMetrics.Counters;

/// <summary>
/// Keeps what reads or replaces a register's counters as a whole (a rebuild of its copy, a change of
/// whether it is authoritative) from racing the events that change them. On PostgreSQL an event's
/// handlers hold a shared transaction-level advisory lock on the register, such a change the exclusive
/// one: it waits for the batches in flight and the next ones wait for it. So a rebuild's counters are
/// never replaced under a batch's deltas, and a change of authority's refresh counts every batch
/// committed before it while every batch after it reads the new statement (under READ COMMITTED the two
/// would otherwise each miss the other's work, and a grant would be recorded by neither). On SQLite
/// every write transaction holds the database's write lock from its start (BEGIN IMMEDIATE), which
/// serialises them already.
/// </summary>
/// <remarks>Scoped, one per batch: a lock is taken once in the batch's transaction and held until it ends.</remarks>
public sealed class RegisterLocks(PlansDbContext db)
{
    private readonly HashSet<string> held = new(StringComparer.Ordinal);

    /// <summary>Before an event changes a register's copy.</summary>
    public async Task ForEventAsync(string register, CancellationToken ct)
    {
        if (!db.Database.IsPostgres() || !held.Add(register))
        {
            return;
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({KeyOf(register)})", ct);
    }

    /// <summary>Before a rebuild of a register's copy, or a change of its authority, in its transaction.</summary>
    public async Task ForWholeRegisterAsync(string register, CancellationToken ct)
    {
        if (db.Database.IsPostgres())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({KeyOf(register)})", ct);
        }
    }

    /// <summary>
    /// Before the figures are recorded from the counters, in the transaction that wrote its deltas: one writer
    /// at a time, so each sums what the others committed. Two replicas' batches in different districts
    /// would otherwise each sum without the other's uncommitted deltas, and the later figure would
    /// overwrite the earlier one's count.
    /// </summary>
    public async Task ForFiguresAsync(CancellationToken ct)
    {
        if (db.Database.IsPostgres())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({KeyOf(FiguresKey)})", ct);
        }
    }

    /// <summary>Not a register's name (those have no spaces): the key of the figures' lock.</summary>
    private const string FiguresKey = "the figures";

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
