using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using SharedKernel.Time;

namespace Enterprises.Api.CultivationPool;

/// <summary>
/// Keeps the pool in step with every write (<see cref="DerivedTablesInterceptor"/>): a save that adds, changes or removes
/// an enterprise, an annual report or a qualification rewrites the pool rows of the enterprises concerned after it.
/// </summary>
internal sealed class CultivationPoolTracker(TimeProvider clock) : IDerivedTable
{
    public ValueTask<Func<CancellationToken, Task>?> PrepareAsync(EnterprisesDbContext db, CancellationToken ct)
    {
        var codes = DerivedTablesInterceptor.RegisterEntries(db)
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
        return ValueTask.FromResult<Func<CancellationToken, Task>?>(codes.Count == 0 ? null : cancellationToken =>
        {
            var today = clock.Today();
            return CultivationPoolWriter.RefreshAsync(db, codes, CultivationPoolWriter.FirstYear, CultivationPoolWriter.LastYear(today), today,
                cancellationToken);
        });
    }
}
