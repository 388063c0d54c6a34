using Enterprises.Api.CultivationPool;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Statistics;
using EventBus;
using EventBus.Redis.Outbox;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Persistence;
using Persistence.Audit;
using Persistence.Data;
using SharedKernel.Domain;
using SharedKernel.Errors;

namespace Enterprises.Api.Csv;

/// <summary>
/// Saves a batch of the import: the new enterprises and the events of the <see cref="Batch"/>, the enterprises the
/// context tracks as changed, and their audit records, in the context's transaction.
/// <para>
/// On PostgreSQL, at COPY speed: the new enterprises are copied (binary COPY) straight into the register, and the
/// changed ones into a temporary staging table and from there into the register by one <c>UPDATE … FROM</c>; the events
/// (<see cref="OutboxCopy"/>) and the audit records (built by <see cref="AuditInterceptor"/> as a SaveChanges would) are
/// copied straight into their tables, and their cultivation pool rows written (<see cref="CultivationPoolWriter"/>; the
/// new enterprises' without reading anything back). The new enterprises and their events are never tracked there:
/// tracking is what a row cost most. A new enterprise is written only where none is (the key refuses the COPY
/// otherwise), and a changed one only at the version the batch read it at, so an enterprise another request registered
/// or changed meanwhile makes the whole import a conflict instead of being overwritten. New enterprises skip the staging
/// table, which would cost a second copy and a speculative insertion of each.
/// </para>
/// <para>
/// On SQLite, the new enterprises are added to the context, the events published as a single write publishes
/// them, and SaveChanges sends the batch as multi-row statements in the same transaction; no statement carries
/// a parameter per row of the file.
/// </para>
/// </summary>
internal static class EnterpriseBulkWriter
{
    private const string Staging = "import_enterprises";

    /// <summary>What a batch of rows writes beside the changes the context tracks: its new enterprises, and every event in row order.</summary>
    public sealed class Batch
    {
        public List<Enterprise> Added { get; } = [];

        public List<IntegrationEvent> Events { get; } = [];
    }

    /// <summary>
    /// Writes the batch. On PostgreSQL the qualifications of the enterprises it moved to another district or zone are
    /// counted over into <paramref name="counts"/>, which the import writes once, after its last batch: a transaction that
    /// took the rows of the counts early would hold them while it went on to lock more enterprises, and a single write
    /// holding one of those and waiting for the counts would deadlock with it.
    /// </summary>
    public static async Task WriteAsync(EnterprisesDbContext db, Batch batch, IEventBus events, OutboxCopy outbox, AuditInterceptor audit,
        CountDeltas counts, DateOnly today, CancellationToken ct)
    {
        if (!db.Database.IsPostgres())
        {
            db.Enterprises.AddRange(batch.Added);
            batch.Events.ForEach(events.Publish);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return;
        }

        // The updates the batch made to tracked enterprises (the import turns automatic detection off).
        db.ChangeTracker.DetectChanges();

        var records = audit.Collect(db);
        var changed = db.ChangeTracker.Entries<Enterprise>().Where(e => e.State is EntityState.Modified).Select(e => e.Entity).ToList();
        await InsertAsync(db, batch.Added, ct);
        await UpdateAsync(db, changed, ct);
        await CountMovedAsync(db, counts, ct);
        // SaveChanges would have rewritten their pool rows (DerivedTablesInterceptor); the COPY does it here, per batch: the
        // changed enterprises' rows read again, the new ones' from what they say (nothing of theirs is held to read).
        await CultivationPoolWriter.RefreshAsync(db, changed.Select(e => e.CreditCode), batch.Added, CultivationPoolWriter.FirstYear,
            CultivationPoolWriter.LastYear(today), today, ct);
        // The events' and the new enterprises' audit records are serialised as their COPY sends them, while the server
        // stores the rows before.
        await outbox.WriteAsync(batch.Events, ct);
        await PostgresCopy.CopyAsync(db, records.Concat(audit.Created(db, batch.Added)), ct);
    }

    private static async Task InsertAsync(EnterprisesDbContext db, List<Enterprise> added, CancellationToken ct)
    {
        try
        {
            await PostgresCopy.CopyAsync(db, added, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ChangedMeanwhile();
        }
    }

    private static async Task UpdateAsync(EnterprisesDbContext db, List<Enterprise> changed, CancellationToken ct)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var table = PostgresCopy.Table<Enterprise>(db);
        var prepare = $"CREATE TEMP TABLE IF NOT EXISTS {Staging} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP; TRUNCATE {Staging}";
        await db.Database.ExecuteSqlRawAsync(prepare, ct);
        await PostgresCopy.CopyAsync(db, changed, ct, Staging);

        var columns = PostgresCopy.Columns<Enterprise>(db);
        var key = columns.Where(c => c.IsPrimaryKey()).Select(PostgresCopy.Column).ToList();
        var set = string.Join(", ", columns.Where(c => !c.IsPrimaryKey() && c.Name != nameof(VersionedEntity.CreatedAt))
            .Select(c => $"{PostgresCopy.Column(c)} = staged.{PostgresCopy.Column(c)}"));
        var version = PostgresCopy.Column(columns.Single(c => c.Name == nameof(VersionedEntity.Version)));
        var update = $"UPDATE {table} AS held SET {set} FROM {Staging} AS staged " +
            $"WHERE {string.Join(" AND ", key.Select(k => $"held.{k} = staged.{k}"))} AND held.{version} = staged.{version} - 1";
        if (await db.Database.ExecuteSqlRawAsync(update, ct) != changed.Count)
        {
            throw ChangedMeanwhile();
        }
    }

    /// <summary>Counts the qualifications of the enterprises moved out of their former district and zone, and into their new ones.</summary>
    private static async Task CountMovedAsync(EnterprisesDbContext db, CountDeltas counts, CancellationToken ct)
    {
        var moved = db.ChangeTracker.Entries<Enterprise>()
            .Where(e => e.State is EntityState.Modified && (e.Property(x => x.RegionCode).IsModified || e.Property(x => x.ZoneCode).IsModified))
            .ToDictionary(e => e.Entity.CreditCode,
                e => (Region: e.Property(x => x.RegionCode).OriginalValue, Zone: e.Property(x => x.ZoneCode).OriginalValue));
        if (moved.Count == 0)
        {
            return;
        }

        var held = await CountedQualification.OfEnterprisesAsync(db, [.. moved.Keys], ct);
        counts.AddRange(held, 1);
        counts.AddRange(held.Join(moved, q => q.CreditCode, m => m.Key, (q, m) => q with { RegionCode = m.Value.Region, ZoneCode = m.Value.Zone }), -1);
    }

    private static ConflictException ChangedMeanwhile() => new(ErrorCodes.Conflict,
        "Enterprises of the file were registered or changed by another request while it was imported; nothing was imported. Send the file again.");
}
