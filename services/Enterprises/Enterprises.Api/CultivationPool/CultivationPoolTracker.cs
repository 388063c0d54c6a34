using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using SharedKernel.Time;

namespace Enterprises.Api.CultivationPool;

/// <summary>
/// Keeps the pool in step with every write (<see cref="DerivedTablesInterceptor"/>): a save that adds, changes or removes
/// an enterprise, an annual report or a qualification rewrites the pool rows of the enterprises concerned after it. An
/// enterprise the save registers, with no report or qualification in the same save, has no row, report or qualification
/// in the database yet: its rows are written from what it says, as the import's COPY writes its new ones, with nothing
/// deleted or read back.
/// </summary>
internal sealed class CultivationPoolTracker(TimeProvider clock) : IDerivedTable
{
    public ValueTask<Func<CancellationToken, Task>?> PrepareAsync(EnterprisesDbContext db, CancellationToken ct)
    {
        var entries = DerivedTablesInterceptor.RegisterEntries(db).ToList();
        var registered = entries.Where(e => e is { State: EntityState.Added, Entity: Enterprise }).Select(e => (Enterprise)e.Entity).ToList();
        var changed = entries.Where(e => e.Entity is not Enterprise || e.State != EntityState.Added)
            .Select(e => e.Entity switch
            {
                Enterprise enterprise => enterprise.CreditCode,
                AnnualReport report => report.CreditCode,
                Qualification qualification => qualification.CreditCode,
                _ => null,
            })
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var alone = registered.Where(e => !changed.Contains(e.CreditCode)).ToList();
        changed.UnionWith(registered.Except(alone).Select(e => e.CreditCode));
        return ValueTask.FromResult<Func<CancellationToken, Task>?>(changed.Count == 0 && alone.Count == 0 ? null : cancellationToken =>
        {
            var today = clock.Today();
            return CultivationPoolWriter.RefreshAsync(db, changed, alone, CultivationPoolWriter.FirstYear, CultivationPoolWriter.LastYear(today),
                today, cancellationToken);
        });
    }
}
