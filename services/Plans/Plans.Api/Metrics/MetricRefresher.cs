using SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using SharedKernel.Regions;

namespace Plans.Api.Metrics;

/// <summary>
/// Turns the enterprise-register metrics into automatic observations: for each indicator bound to
/// one, in every plan that is not archived and whose region the register is authoritative for, it
/// records the current count for this year when it differs from the last one recorded.
/// </summary>
public sealed partial class MetricRefresher(PlansDbContext db, TimeProvider clock, MetricsTelemetry telemetry, ILogger<MetricRefresher> logger)
{
    public const string RecordedBy = "register:enterprises";

    /// <summary>
    /// Refreshes the plans whose region contains one of <paramref name="touchedRegions"/> (the places an
    /// enterprise was or is), or every plan when it is null. Saves, and returns how many observations it recorded.
    /// </summary>
    /// <remarks>
    /// This runs for every register event that moves a count, so its cost is bounded: one query for the
    /// statements, one for the bound indicators of the plans concerned (filtered in the database), one for
    /// their latest automatic observations, and one count per distinct metric, region and start date —
    /// two plans of one region bound to one metric share their count.
    /// </remarks>
    public async Task<int> RefreshAsync(IReadOnlyCollection<string>? touchedRegions, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var recorded = await RecordAsync(touchedRegions, ct);
        telemetry.RefreshDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        telemetry.FiguresRecorded.Add(recorded);
        return recorded;
    }

    private async Task<int> RecordAsync(IReadOnlyCollection<string>? touchedRegions, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = BeijingCalendar.DateOf(now);
        var authorities = await db.RegisterAuthorities.AsNoTracking()
            .Where(a => a.Register == Register.Enterprises && a.Authoritative).ToListAsync(ct);
        if (authorities.Count == 0)
        {
            return 0;
        }

        var plans = db.Plans.AsNoTracking().Where(p => p.Status != PlanStatus.Archived);
        if (touchedRegions is not null)
        {
            // A plan holds a touched region when its own region is that region or one above it.
            var holding = touchedRegions.SelectMany(RegionCodes.AndAbove).Distinct().ToList();
            plans = plans.Where(p => holding.Contains(p.Details.RegionCode));
        }

        var bound = await db.Indicators.AsNoTracking()
            .Where(i => i.Annotations.Metric != null && i.Annotations.Metric.StartsWith(EnterpriseMetric.Prefix))
            .Join(plans, i => i.PlanCode, p => p.Code, (i, p) => new { Indicator = i, Plan = p })
            .ToListAsync(ct);
        var live = bound
            .Select(b => (b.Indicator, b.Plan, Metric: EnterpriseMetric.Parse(b.Indicator.Annotations.Metric),
                Authority: RegisterAuthorities.InForce(authorities, b.Plan.Details.RegionCode, today)))
            .Where(b => b.Metric is not null && b.Authority is not null)
            .OrderBy(b => b.Plan.Code, StringComparer.Ordinal).ThenBy(b => b.Indicator.Code, StringComparer.Ordinal)
            .ToList();
        if (live.Count == 0)
        {
            return 0;
        }

        var ids = live.Select(b => b.Indicator.Id).ToList();
        var latest = await db.Indicators.AsNoTracking()
            .Where(i => ids.Contains(i.Id))
            .Select(i => new
            {
                i.Id,
                Value = db.Observations
                    .Where(o => o.IndicatorId == i.Id && o.Year == today.Year && o.Origin == ObservationOrigin.Metric)
                    .OrderByDescending(o => o.RecordedAt).ThenByDescending(o => o.Id)
                    .Select(o => (decimal?)o.Value)
                    .FirstOrDefault(),
            })
            .ToDictionaryAsync(l => l.Id, l => l.Value, ct);

        var counts = new Dictionary<(EnterpriseMetric, string, DateOnly), int>();
        var recorded = 0;
        foreach (var (indicator, plan, metric, authority) in live)
        {
            var region = plan.Details.RegionCode;
            var facts = indicator.Facts;
            // Qualified counts what holds today, whatever the baseline: one count serves every indicator of the region.
            var grantedFrom = metric!.Kind == EnterpriseMetricKind.Granted
                ? EnterpriseMetrics.GrantedFrom(facts, plan.Details.PeriodStart, today)
                : DateOnly.MinValue;
            if (!counts.TryGetValue((metric, region, grantedFrom), out var count))
            {
                count = await EnterpriseMetrics.CountAsync(db.RegisteredEnterprises, db.RegisteredQualifications, metric, region,
                    grantedFrom, today, ct);
                counts[(metric, region, grantedFrom)] = count;
            }

            var value = EnterpriseMetrics.ValueOf(metric, facts, count);
            if (latest.GetValueOrDefault(indicator.Id) == value)
            {
                continue;
            }

            if (Math.Abs(value) > Observation.MaxValue)
            {
                // A baseline at the top of the column's range plus the grants since cannot be stored; one such
                // indicator must not fail the refresh of every other (nor the event or request that caused it).
                LogUnrecordable(plan.Code, indicator.Code, metric.Key, value);
                continue;
            }

            db.Observations.Add(new Observation(plan, indicator, today.Year, value, ObservationOrigin.Metric, RecordedBy,
                Note(metric, region, authority!), now));
            recorded++;
            LogRecorded(plan.Code, indicator.Code, metric.Key, today.Year, value);
        }

        await db.SaveChangesAsync(ct);
        return recorded;
    }

    private static string Note(EnterpriseMetric metric, string region, RegisterAuthority authority) =>
        $"{metric.Key} in {region} from the enterprise register (authoritative for {authority.RegionCode}" +
        (authority.Since is { } since ? $" since {since:yyyy-MM-dd})" : ")");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not recorded: {Metric} = {Value} on {PlanCode}/{IndicatorCode} exceeds what an observation can hold")]
    private partial void LogUnrecordable(string planCode, string indicatorCode, string metric, decimal value);

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
        return RegionCodes.AndAbove(regionCode).Select(inForce.GetValueOrDefault).FirstOrDefault(a => a is not null);
    }
}
