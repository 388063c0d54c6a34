using System.Runtime.CompilerServices;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Enterprises.Api.Data;

/// <summary>
/// Keeps the derived tables (<see cref="IDerivedTable"/>) in step with every write: a SaveChanges that adds, changes or
/// removes an enterprise, an annual report or a qualification lets each table prepare before it and write its rows after
/// it, in its transaction (one it opens when the caller has none), so a write and its derived rows commit together.
/// Every command of the service saves through here, whoever sends it (endpoint, import, seeds, the expiry pass); the
/// only writes that do not are the import's COPY on PostgreSQL, which keeps the tables itself (<see cref="Csv.EnterpriseBulkWriter"/>).
/// </summary>
internal sealed class DerivedTablesInterceptor(IEnumerable<IDerivedTable> tables) : SaveChangesInterceptor
{
    private sealed record Pending(List<Func<CancellationToken, Task>> Work, IDbContextTransaction? Own);

    private readonly IDerivedTable[] tables = [.. tables];

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EnterprisesDbContext db && ChangesRegister(db))
        {
            var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                var work = new List<Func<CancellationToken, Task>>(tables.Length);
                foreach (var table in tables)
                {
                    if (await table.PrepareAsync(db, cancellationToken) is { } after)
                    {
                        work.Add(after);
                    }
                }

                pending.AddOrUpdate(db, new Pending(work, own));
            }
            catch
            {
                if (own is not null)
                {
                    await own.DisposeAsync();
                }

                throw;
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EnterprisesDbContext db && pending.TryGetValue(db, out var saved))
        {
            pending.Remove(db);
            try
            {
                foreach (var after in saved.Work)
                {
                    await after(cancellationToken);
                }

                if (saved.Own is not null)
                {
                    await saved.Own.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (saved.Own is not null)
                {
                    await saved.Own.DisposeAsync();
                }
            }
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && pending.TryGetValue(db, out var failed))
        {
            pending.Remove(db);
            if (failed.Own is not null)
            {
                await failed.Own.DisposeAsync();
            }
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is EnterprisesDbContext db && ChangesRegister(db)
            ? throw new InvalidOperationException("The register is written with SaveChangesAsync, which keeps the derived tables in step.")
            : result;

    /// <summary>
    /// Whether the save adds, changes or removes an enterprise, a report or a qualification. Entries() detects changes
    /// itself unless the writer turned that off (a bulk import), and such a writer detects them before it saves.
    /// </summary>
    private static bool ChangesRegister(EnterprisesDbContext db) => RegisterEntries(db).Any();

    /// <summary>The register's entries a save writes: enterprises, annual reports and qualifications added, changed or removed.</summary>
    public static IEnumerable<EntityEntry> RegisterEntries(EnterprisesDbContext db) => db.ChangeTracker.Entries()
        .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Enterprise or AnnualReport or Qualification);
}
