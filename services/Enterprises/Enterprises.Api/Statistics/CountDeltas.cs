using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Persistence.Data;

namespace Enterprises.Api.Statistics;

/// <summary>A qualification as the counts see it: the group of its enterprise, its type and its term.</summary>
internal sealed record CountedQualification(string CreditCode, string RegionCode, string? ZoneCode, QualificationType Type,
    DateOnly GrantedOn, DateOnly ExpiresOn, DateOnly? RevokedOn)
{
    /// <summary>
    /// The first day it no longer holds: the day after its last, or the day it was revoked; none after the calendar's
    /// last day.
    /// </summary>
    public DateOnly? EndsOn => RevokedOn is { } revoked && revoked <= ExpiresOn ? revoked
        : ExpiresOn == DateOnly.MaxValue ? null
        : ExpiresOn.AddDays(1);

    /// <summary>The qualifications of <paramref name="qualifications"/> with the district and zone of their enterprises.</summary>
    public static IQueryable<CountedQualification> Of(EnterprisesDbContext db, IQueryable<Qualification> qualifications) =>
        from q in qualifications
        join e in db.Enterprises on q.CreditCode equals e.CreditCode
        select new CountedQualification(q.CreditCode, e.RegionCode, e.ZoneCode, q.Type, q.GrantedOn, q.ExpiresOn, q.RevokedOn);

    /// <summary>The qualifications of the enterprises <paramref name="codes"/>, as the database holds them now (one query).</summary>
    public static Task<List<CountedQualification>> OfEnterprisesAsync(EnterprisesDbContext db, List<string> codes, CancellationToken ct) =>
        Of(db, db.Qualifications.AsNoTracking().Where(q => EF.Parameter(codes).Contains(q.CreditCode))).ToListAsync(ct);
}

/// <summary>
/// Changes to the <see cref="QualificationCount"/> rows, gathered in memory and written at once: a qualification counted
/// in or out adds to or takes from the rows of its grant day and of its end, each in its year, month and day.
/// </summary>
internal sealed class CountDeltas
{
    private readonly record struct Key(int Period, string RegionCode, string ZoneCode, QualificationType Type);

    private static readonly string[] Keys = [nameof(QualificationCount.Period), nameof(QualificationCount.RegionCode),
        nameof(QualificationCount.ZoneCode), nameof(QualificationCount.Type)];

    private static readonly string[] Values = [nameof(QualificationCount.Granted), nameof(QualificationCount.Held)];

    private readonly Dictionary<Key, (int Granted, int Held)> changes = [];

    /// <summary>Counts <paramref name="qualification"/> in (<paramref name="sign"/> 1) or out (-1).</summary>
    public void Add(CountedQualification qualification, int sign)
    {
        Add(qualification, qualification.GrantedOn, sign, sign);
        if (qualification.EndsOn is { } ends)
        {
            Add(qualification, ends, 0, -sign);
        }
    }

    public void AddRange(IEnumerable<CountedQualification> qualifications, int sign)
    {
        foreach (var qualification in qualifications)
        {
            Add(qualification, sign);
        }
    }

    /// <summary>
    /// Adds the changes to the rows, in the caller's transaction, under the shared lock of the derived tables; a change
    /// that came to nothing writes nothing. The rows go in key order, so two writers take the rows they share in the
    /// same order and never each wait for the other. Returns the number of rows written.
    /// </summary>
    public async Task<int> WriteAsync(EnterprisesDbContext db, CancellationToken ct)
    {
        var rows = changes.Where(c => c.Value != (0, 0))
            .OrderBy(c => c.Key.Period).ThenBy(c => c.Key.RegionCode, StringComparer.Ordinal)
            .ThenBy(c => c.Key.ZoneCode, StringComparer.Ordinal).ThenBy(c => c.Key.Type)
            .Select(c => new object?[] { c.Key.Period, c.Key.RegionCode, c.Key.ZoneCode, c.Key.Type, c.Value.Granted, c.Value.Held })
            .ToList();
        changes.Clear();
        if (rows.Count > 0)
        {
            await DerivedTables.LockAsync(db, exclusive: false, ct);
            await BulkSql.UpsertAsync<QualificationCount>(db, Keys, Values, addUp: true, rows, ct);
        }

        return rows.Count;
    }

    private void Add(CountedQualification qualification, DateOnly day, int granted, int held)
    {
        var zone = qualification.ZoneCode ?? "";
        int[] periods = [QualificationCount.YearOf(day), QualificationCount.MonthOf(day), QualificationCount.DayOf(day)];
        foreach (var period in periods)
        {
            var key = new Key(period, qualification.RegionCode, zone, qualification.Type);
            var (g, h) = changes.GetValueOrDefault(key);
            changes[key] = (g + granted, h + held);
        }
    }
}
