using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.RegisterMetrics.Authority;
using Plans.Api.RegisterMetrics.Counters;
using SharedKernel.Regions;
using SharedKernel.Time;

namespace Plans.Api.RegisterMetrics.Refresh;

/// <summary>
/// Turns register metrics into automatic figures: for each indicator bound to a metric of a
/// connected register, in every plan that is not archived and whose region the register is
/// authoritative for, it keeps one figure per year (origin <c>metric</c>, recordedBy
/// <c>register:{name}</c>), updated in place when the count changes. Saves. One refresh records at a
/// time across replicas (<see cref="RegisterLocks.ForFiguresAsync"/>).
/// </summary>
/// <remarks>
/// Its cost does not grow with the register nor with the events applied: one query for the
/// statements, one for the bound indicators of the plans concerned, one for their current figures,
/// and one sum of counters per distinct metric, region and window (two indicators of one region
/// bound to one metric share it).
/// </remarks>
public sealed partial class MetricRefresher(PlansDbContext db, RegisterSources sources, MetricCounters counters, RegisterLocks locks,
    TimeProvider clock, MetricsTelemetry telemetry, ILogger<MetricRefresher> logger)
{
    /// <summary>Refreshes the indicators whose metric sums one of the touched series at a place within the plan's region; returns how many figures changed.</summary>
    public Task<int> RefreshAsync(IReadOnlyCollection<TouchedCounter> touched, CancellationToken ct) => TimedAsync(null, touched, ct);

    /// <summary>Refreshes every indicator bound to a metric of the register (of every register when null).</summary>
    public Task<int> RefreshAllAsync(string? register, CancellationToken ct) => TimedAsync(register, null, ct);

    private async Task<int> TimedAsync(string? register, IReadOnlyCollection<TouchedCounter>? touched, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // In the caller's transaction (a batch's, a command's), else in one of its own: the figures' lock lasts until it ends.
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await locks.ForFiguresAsync(ct);
        var recorded = await RecordAsync(register, touched, ct);
        if (own is not null)
        {
            await own.CommitAsync(ct);
        }

        telemetry.RefreshDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        telemetry.FiguresRecorded.Add(recorded);
        return recorded;
    }

    private async Task<int> RecordAsync(string? register, IReadOnlyCollection<TouchedCounter>? touched, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = BeijingCalendar.DateOf(now);
        var authorities = await db.RegisterAuthorities.AsNoTracking()
            .Where(a => a.Authoritative && (register == null || a.Register == register)).ToListAsync(ct);
        if (authorities.Count == 0)
        {
            return 0;
        }

        // The (series, region) pairs whose sums may have moved: each touched place and every region above it.
        var affected = touched?.SelectMany(t => RegionCodes.AndAbove(t.Place).Select(region => (t.Series, region))).ToHashSet();
        var plans = db.Plans.AsNoTracking().Where(p => p.Status != PlanStatus.Archived);
        if (affected is not null)
        {
            var regions = affected.Select(a => a.region).Distinct().ToList();
            plans = plans.Where(p => regions.Contains(p.Details.RegionCode));
        }

        var prefix = register + ".";
        var bound = await db.Indicators.AsNoTracking()
            .Where(i => i.Annotations.Metric != null && (register == null || i.Annotations.Metric.StartsWith(prefix)))
            .Join(plans, i => i.PlanCode, p => p.Code, (i, p) => new { Indicator = i, Plan = p })
            .ToListAsync(ct);
        var live = bound
            .Select(b => (b.Indicator, b.Plan, Metric: sources.Parse(b.Indicator.Annotations.Metric)))
            .Where(b => b.Metric is not null && sources.Find(b.Metric.Register)?.Copy is not null
                && (affected is null || b.Metric.Terms.Any(t => affected.Contains((t.Series, b.Plan.Details.RegionCode)))))
            .Select(b => (b.Indicator, b.Plan, Metric: b.Metric!,
                Authority: RegisterAuthorities.InForce(authorities.Where(a => a.Register == b.Metric!.Register), b.Plan.Details.RegionCode, today)))
            .Where(b => b.Authority is not null)
            .OrderBy(b => b.Plan.Code, StringComparer.Ordinal).ThenBy(b => b.Indicator.Code, StringComparer.Ordinal)
            .ToList();
        if (live.Count == 0)
        {
            return 0;
        }

        var ids = live.Select(b => b.Indicator.Id).ToList();
        var current = await db.Observations
            .Where(o => ids.Contains(o.IndicatorId) && o.Year == today.Year && o.Origin == ObservationOrigin.Metric)
            .ToDictionaryAsync(o => o.IndicatorId, ct);
        var sums = new Dictionary<(string, string, DateOnly, DateOnly), long>();
        var recorded = 0;
        foreach (var (indicator, plan, metric, authority) in live)
        {
            var region = plan.Details.RegionCode;
            var value = MetricValues.ValueOf(metric, indicator.Facts, await CountAsync(metric, indicator.Facts, plan, today, sums, ct));
            if (Math.Abs(value) > Observation.MaxValue)
            {
                // A baseline at the top of the column's range plus the grants since cannot be stored; one such
                // indicator must not fail the refresh of every other (nor the batch or request that caused it).
                LogUnrecordable(plan.Code, indicator.Code, metric.Key, value);
                continue;
            }

            var note = Note(metric, region, authority!);
            if (current.TryGetValue(indicator.Id, out var figure))
            {
                if (!figure.Update(value, note, now))
                {
                    continue;
                }
            }
            else
            {
                db.Observations.Add(Observation.Automatic(plan, indicator, today.Year, value, $"register:{metric.Register}", note, now));
            }

            recorded++;
            LogRecorded(plan.Code, indicator.Code, metric.Key, today.Year, value);
        }

        await db.SaveChangesAsync(ct);
        return recorded;
    }

    /// <summary>The metric's count for the plan's region: one sum per window its terms use, each computed once per refresh.</summary>
    private async Task<long> CountAsync(RegisterMetric metric, IndicatorFacts facts, Plan plan, DateOnly today,
        Dictionary<(string, string, DateOnly, DateOnly), long> sums, CancellationToken ct)
    {
        var count = 0L;
        foreach (var window in metric.Terms.GroupBy(t => t.Window))
        {
            var (from, to) = MetricValues.DaysOf(window.Key, facts, plan.Details.PeriodStart, today);
            var series = window.Select(t => t.Series).Distinct().Order(StringComparer.Ordinal).ToList();
            var key = (string.Join('|', series), plan.Details.RegionCode, from, to);
            if (!sums.TryGetValue(key, out var sum))
            {
                sums[key] = sum = await counters.SumAsync(series, plan.Details.RegionCode, from, to, ct);
            }

            count += sum;
        }

        return count;
    }

    private string Note(RegisterMetric metric, string region, RegisterAuthority authority) =>
        $"{metric.Key} in {region} from the {sources.Find(metric.Register)!.Title} (authoritative for {authority.RegionCode}" +
        (authority.Since is { } since ? $" since {since:yyyy-MM-dd})" : ")");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not recorded: {Metric} = {Value} on {PlanCode}/{IndicatorCode} exceeds what an observation can hold")]
    private partial void LogUnrecordable(string planCode, string indicatorCode, string metric, decimal value);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Recorded {Metric} = {Value} for {Year} on {PlanCode}/{IndicatorCode}")]
    private partial void LogRecorded(string planCode, string indicatorCode, string metric, int year, decimal value);
}
