using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Persistence;

namespace Enterprises.Api.Statistics;

/// <summary>
/// Keeps the <see cref="QualificationCount"/> rows in step with every write (<see cref="DerivedTablesInterceptor"/>). A
/// save that grants, revokes or removes a qualification, or moves or removes an enterprise holding some, counts the
/// qualifications of the enterprises concerned out as the database holds them before it, and in as it holds them after.
/// On PostgreSQL those enterprises are locked first (<c>FOR UPDATE</c>), so no other write changes what they hold between
/// the two readings; on SQLite the write transaction holds the whole database already.
/// </summary>
internal sealed class QualificationCountsTracker : IDerivedTable
{
    public async ValueTask<Func<CancellationToken, Task>?> PrepareAsync(EnterprisesDbContext db, CancellationToken ct)
    {
        var codes = Concerned(db);
        if (codes.Count == 0)
        {
            return null;
        }

        if (db.Database.IsPostgres())
        {
            var locked = codes.ToArray();
            await db.Database.ExecuteSqlAsync(
                $"SELECT 1 FROM \"Enterprises\" WHERE \"CreditCode\" = ANY({locked}) ORDER BY \"CreditCode\" FOR UPDATE", ct);
        }

        var deltas = new CountDeltas();
        deltas.AddRange(await CountedQualification.OfEnterprisesAsync(db, codes, ct), -1);
        return async cancellationToken =>
        {
            deltas.AddRange(await CountedQualification.OfEnterprisesAsync(db, codes, cancellationToken), 1);
            await deltas.WriteAsync(db, cancellationToken);
        };
    }

    /// <summary>
    /// The enterprises whose counted qualifications a save may change: those of qualifications added, removed or changed in
    /// type or term (the expiry pass changes their status alone, which the counts do not read), and enterprises removed or
    /// moved to another district or zone.
    /// </summary>
    private static List<string> Concerned(EnterprisesDbContext db) => DerivedTablesInterceptor.RegisterEntries(db)
        .Select(e => e.Entity switch
        {
            Qualification q when e.State != EntityState.Modified || Changed(e, nameof(q.Type), nameof(q.GrantedOn), nameof(q.ExpiresOn),
                nameof(q.RevokedOn)) => q.CreditCode,
            Enterprise enterprise when e.State == EntityState.Deleted || Changed(e, nameof(enterprise.RegionCode), nameof(enterprise.ZoneCode))
                => enterprise.CreditCode,
            _ => null,
        })
        .OfType<string>()
        .Distinct(StringComparer.Ordinal)
        .ToList();

    private static bool Changed(EntityEntry entry, params string[] properties) => properties.Any(p => entry.Property(p).IsModified);
}
