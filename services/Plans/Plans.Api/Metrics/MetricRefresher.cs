using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Regions;

namespace Plans.Api.Metrics;

/// <summary>
/// Turns the enterprise-register metrics into automatic observations: for each indicator bound to
/// one, in every plan that is not archived and whose region the register is authoritative for, it
/// records the current count for this year when it differs from the last one recorded.
/// </summary>
public sealed partial class MetricRefresher(PlansDbContext db, TimeProvider clock, ILogger<MetricRefresher> logger)
{
    public const string RecordedBy = "register:enterprises";

    /// <summary>
    /// Refreshes the plans whose region contains one of <paramref name="touchedRegions"/> (the places an
    /// enterprise was or is), or every plan when it is null. Saves, and returns how many observations it recorded.
    /// </summary>
    public async Task<int> RefreshAsync(IReadOnlyCollection<string>? touchedRegions, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var authorities = await db.RegisterAuthorities.AsNoTracking()
            .Where(a => a.Register == Register.Enterprises && a.Authoritative).ToListAsync(ct);
        if (authorities.Count == 0)
        {
            return 0;
        }

        var bound = await db.Indicators
            .Where(i => i.Annotations.Metric != null && i.Annotations.Metric.StartsWith(EnterpriseMetric.Prefix))
            .Join(db.Plans.Where(p => p.Status != PlanStatus.Archived), i => i.PlanCode, p => p.Code, (i, p) => new { Indicator = i, Plan = p })
            .ToListAsync(ct);

        var recorded = 0;
        foreach (var (indicator, plan) in bound.Select(b => (b.Indicator, b.Plan)).OrderBy(b => b.Plan.Code).ThenBy(b => b.Indicator.Code))
        {
            var region = plan.Details.RegionCode;
            if (touchedRegions is not null && !touchedRegions.Any(code => RegionCatalog.Contains(region, code)))
            {
                continue;
            }

            if (EnterpriseMetric.Parse(indicator.Annotations.Metric) is not { } metric
                || RegisterAuthorities.InForce(authorities, region, today) is not { } authority)
            {
                continue;
            }

            var facts = indicator.Facts;
            var count = await EnterpriseMetrics.CountAsync(db.RegisteredEnterprises, db.RegisteredQualifications, metric, region,
                EnterpriseMetrics.GrantedFrom(facts, plan.Details.PeriodStart, today), today, ct);
            var value = EnterpriseMetrics.ValueOf(metric, facts, count);
            var latest = await db.Observations
                .Where(o => o.IndicatorId == indicator.Id && o.Year == today.Year && o.Origin == ObservationOrigin.Metric)
                .OrderByDescending(o => o.RecordedAt).ThenByDescending(o => o.Id)
                .Select(o => (decimal?)o.Value)
                .FirstOrDefaultAsync(ct);
            if (latest == value)
            {
                continue;
            }

            db.Observations.Add(new Observation(plan, indicator, today.Year, value, ObservationOrigin.Metric, RecordedBy,
                Note(metric, region, authority), now));
            recorded++;
            LogRecorded(plan.Code, indicator.Code, metric.Key, today.Year, value);
        }

        await db.SaveChangesAsync(ct);
        return recorded;
    }

    private static string Note(EnterpriseMetric metric, string region, RegisterAuthority authority) =>
        $"{metric.Key} in {region} from the enterprise register (authoritative for {authority.RegionCode}" +
        (authority.Since is { } since ? $" since {since:yyyy-MM-dd})" : ")");

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Metric} = {Value} for {Year} on {PlanCode}/{IndicatorCode}")]
    private partial void LogRecorded(string planCode, string indicatorCode, string metric, int year, decimal value);
}

/// <summary>Which administrator's statement makes a register authoritative for a region.</summary>
public static class RegisterAuthorities
{
    /// <summary>The statement in force for the region or the nearest region above it, or null when there is none.</summary>
    public static RegisterAuthority? InForce(IEnumerable<RegisterAuthority> authorities, string regionCode, DateOnly today)
    {
        var inForce = authorities.Where(a => a.InForceOn(today)).ToDictionary(a => a.RegionCode);
        for (var code = regionCode; code is not null; code = RegionCatalog.Find(code)?.ParentCode)
        {
            if (inForce.TryGetValue(code, out var authority))
            {
                return authority;
            }
        }

        return null;
    }
}
