using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Plans.Api.Domain;
using Plans.Api.Regions;

namespace Plans.Api.Metrics;

/// <summary>
/// How the enterprise-register metrics are counted for a plan's region, over the local copy of the
/// register. The same queries run against the database and, in unit tests, against lists.
/// </summary>
public static class EnterpriseMetrics
{
    /// <summary>
    /// Enterprises whose district or functional zone lies within the region. A zone plan (12Z01) thus
    /// counts by zone, the municipality by district; an enterprise in both is one enterprise.
    /// </summary>
    public static IQueryable<RegisteredEnterprise> Within(IQueryable<RegisteredEnterprise> enterprises, string regionCode)
    {
        var codes = RegionCatalog.Within(regionCode).ToList();
        return enterprises.Where(e => codes.Contains(e.RegionCode) || (e.ZoneCode != null && codes.Contains(e.ZoneCode)));
    }

    /// <summary>
    /// The first day a grant counts for <c>enterprises.granted.*</c>: the day after the baseline year
    /// (the baseline is the total to its end), or without a baseline the first day of the plan's period.
    /// A flow counts one year at a time, so from January 1 of this year at the earliest.
    /// </summary>
    public static DateOnly GrantedFrom(IndicatorFacts facts, int periodStart, DateOnly today)
    {
        var from = facts.Baseline is { } baseline ? new DateOnly(baseline.Year + 1, 1, 1) : new DateOnly(periodStart, 1, 1);
        var thisYear = new DateOnly(today.Year, 1, 1);
        return facts.Measure == Measure.Flow && thisYear > from ? thisYear : from;
    }

    /// <summary>The qualifications the metric counts in the region as of <paramref name="today"/>.</summary>
    public static IQueryable<RegisteredQualification> Counted(IQueryable<RegisteredEnterprise> enterprises,
        IQueryable<RegisteredQualification> qualifications, EnterpriseMetric metric, string regionCode, DateOnly grantedFrom,
        DateOnly today)
    {
        var within = Within(enterprises, regionCode);
        var ofType = qualifications.Where(q => q.Type == metric.Type && within.Any(e => e.CreditCode == q.CreditCode));
        return metric.Kind == EnterpriseMetricKind.Qualified
            ? ofType.Where(q => q.Status == QualificationStatus.Valid && q.GrantedOn <= today && q.ExpiresOn >= today)
            : ofType.Where(q => q.Status != QualificationStatus.Revoked && q.GrantedOn >= grantedFrom && q.GrantedOn <= today);
    }

    /// <summary>
    /// The metric's count: enterprises holding the qualification (each once, however many certificates
    /// it holds), or qualifications granted.
    /// </summary>
    public static Task<int> CountAsync(IQueryable<RegisteredEnterprise> enterprises, IQueryable<RegisteredQualification> qualifications,
        EnterpriseMetric metric, string regionCode, DateOnly grantedFrom, DateOnly today, CancellationToken ct = default)
    {
        var counted = Counted(enterprises, qualifications, metric, regionCode, grantedFrom, today);
        return metric.Kind == EnterpriseMetricKind.Qualified
            ? Count(counted.Select(q => q.CreditCode).Distinct(), ct)
            : Count(counted.Select(q => q.Id), ct);
    }

    /// <summary>
    /// The observation a count makes for an indicator. A running total (累计) is a total to date whose
    /// baseline counts what came before, and an increment's observations are the level reached: both
    /// are the baseline plus the grants since. Otherwise the count itself.
    /// </summary>
    public static decimal ValueOf(EnterpriseMetric metric, IndicatorFacts facts, int count) =>
        metric.Kind == EnterpriseMetricKind.Granted && facts.Measure is Measure.Cumulative or Measure.Increment
            && facts.Baseline is { } baseline
            ? baseline.Value + count
            : count;

    private static Task<int> Count<T>(IQueryable<T> query, CancellationToken ct) =>
        query.Provider is IAsyncQueryProvider ? query.CountAsync(ct) : Task.FromResult(query.Count());
}
