using System.Runtime.CompilerServices;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using SharedKernel.Time;

namespace Enterprises.Api.CultivationPool;

/// <summary>
/// Keeps the pool in step with every write: a SaveChanges that adds, changes or removes an enterprise, an annual
/// report or a qualification rewrites the pool rows of the enterprises concerned, after the write and in its
/// transaction (one it opens when the caller has none), so a write and its pool rows commit together. Every command
/// of the service saves through here, whoever sends it (endpoint, import, seeds, the expiry pass); the only writes
/// that do not are the import's COPY on PostgreSQL, which refreshes the rows itself (<see cref="Csv.EnterpriseBulkWriter"/>).
/// </summary>
internal sealed class CultivationPoolInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private sealed class Pending(List<string> codes, IDbContextTransaction? own)
    {
        public List<string> Codes { get; } = codes;

        public IDbContextTransaction? Own { get; } = own;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EnterprisesDbContext db && Changed(db) is { Count: > 0 } codes)
        {
            var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            pending.AddOrUpdate(db, new Pending(codes, own));
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EnterprisesDbContext db && pending.TryGetValue(db, out var work))
        {
            pending.Remove(db);
            try
            {
                var today = clock.Today();
                await CultivationPoolWriter.RefreshAsync(db, work.Codes, CultivationPoolWriter.FirstYear, CultivationPoolWriter.LastYear(today),
                    today, cancellationToken);
                if (work.Own is not null)
                {
                    await work.Own.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (work.Own is not null)
                {
                    await work.Own.DisposeAsync();
                }
            }
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && pending.TryGetValue(db, out var work))
        {
            pending.Remove(db);
            if (work.Own is not null)
            {
                await work.Own.DisposeAsync();
            }
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is EnterprisesDbContext db && Changed(db).Count > 0
            ? throw new InvalidOperationException("The register is written with SaveChangesAsync, which keeps the cultivation pool in step.")
            : result;

    /// <summary>
    /// The enterprises whose evaluation a save may change: those added, changed or removed, or whose reports or
    /// qualifications are. Entries() detects changes itself unless the writer turned that off (a bulk import),
    /// and such a writer detects them before it saves.
    /// </summary>
    private static List<string> Changed(EnterprisesDbContext db)
    {
        return db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity switch
            {
                Enterprise enterprise => enterprise.CreditCode,
                AnnualReport report => report.CreditCode,
                Qualification qualification => qualification.CreditCode,
                _ => null,
            })
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
