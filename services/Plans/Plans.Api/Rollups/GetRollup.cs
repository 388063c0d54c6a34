using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Indicators;
using Plans.Api.Progress;
using SharedKernel.Errors;
using SharedKernel.Time;

namespace Plans.Api.Rollups;

/// <summary>One register metric rolled up across the published plans bound to it (404 when none is).</summary>
public sealed record GetRollup(string Metric, ClaimsPrincipal Caller) : IQuery<RollupResponse>;

internal sealed class GetRollupValidator : AbstractValidator<GetRollup>
{
    public GetRollupValidator() => RuleFor(q => q.Metric).NotEmpty().MaximumLength(120).OverridePropertyName("metric");
}

internal sealed class GetRollupHandler(PlansDbContext db, ISender sender, TimeProvider clock) : IQueryHandler<GetRollup, RollupResponse>
{
    public async ValueTask<RollupResponse> Handle(GetRollup query, CancellationToken ct)
    {
        var bound = await Rollup.BoundAsync(db, [query.Metric], ct);
        if (bound.Count == 0)
        {
            throw new NotFoundException("Rollup", query.Metric);
        }

        return await new Rollup(sender, query.Caller, clock.Today()).OfAsync(query.Metric, bound, ct);
    }
}

/// <summary>Every metric a published municipal plan shares with a district or zone plan, rolled up.</summary>
public sealed record ListRollups(ClaimsPrincipal Caller) : IQuery<RollupListResponse>;

internal sealed class ListRollupsHandler(PlansDbContext db, ISender sender, TimeProvider clock) : IQueryHandler<ListRollups, RollupListResponse>
{
    public async ValueTask<RollupListResponse> Handle(ListRollups query, CancellationToken ct)
    {
        var metrics = await db.Indicators.AsNoTracking()
            .Where(i => i.Annotations.Metric != null)
            .Join(db.Plans.Where(p => p.Status == PlanStatus.Published && p.Details.Level == PlanLevel.Municipal),
                i => i.PlanCode, p => p.Code, (i, _) => i.Annotations.Metric!)
            .Distinct().OrderBy(m => m).Take(RollupListResponse.MaxMetrics).ToListAsync(ct);
        var bound = await Rollup.BoundAsync(db, metrics, ct);
        var rollup = new Rollup(sender, query.Caller, clock.Today());
        var items = new List<RollupResponse>();
        foreach (var metric in metrics)
        {
            var entry = await rollup.OfAsync(metric, bound, ct);
            if (entry.Municipal is not null && entry.Districts.Count > 0)
            {
                items.Add(entry);
            }
        }

        return new RollupListResponse(items);
    }
}

/// <summary>
/// The roll-up of metrics from the plans' live progress (the register figures the service keeps up to date as events
/// arrive, and the approved ones): nothing is counted again here. Each plan's progress is read once per request.
/// </summary>
internal sealed class Rollup(ISender sender, ClaimsPrincipal caller, DateOnly today)
{
    private readonly Dictionary<string, PlanProgressResponse> progress = new(StringComparer.Ordinal);

    public sealed record Bound(string Metric, string IndicatorCode, Plan Plan);

    /// <summary>The indicators of published plans bound to the metrics (by the Metric column's index).</summary>
    public static async Task<List<Bound>> BoundAsync(PlansDbContext db, IReadOnlyCollection<string> metrics, CancellationToken ct) =>
        (await db.Indicators.AsNoTracking()
            .Where(i => metrics.Contains(i.Annotations.Metric!))
            .Join(db.Plans.AsNoTracking().Where(p => p.Status == PlanStatus.Published), i => i.PlanCode, p => p.Code,
                (i, p) => new { Metric = i.Annotations.Metric!, i.Code, Plan = p })
            .ToListAsync(ct))
        .Select(b => new Bound(b.Metric, b.Code, b.Plan)).ToList();

    public async Task<RollupResponse> OfAsync(string metric, IReadOnlyList<Bound> all, CancellationToken ct)
    {
        var bound = all.Where(b => b.Metric == metric).ToList();
        var municipal = bound.Where(b => b.Plan.Details.Level == PlanLevel.Municipal)
            .OrderByDescending(b => b.Plan.Details.PeriodStart <= today.Year && today.Year <= b.Plan.Details.PeriodEnd)
            .ThenByDescending(b => b.Plan.Details.PeriodEnd).ThenBy(b => b.Plan.Code, StringComparer.Ordinal).FirstOrDefault();
        var districts = bound.Where(b => b.Plan.Details.Level != PlanLevel.Municipal)
            .Where(b => municipal is null || (b.Plan.Details.PeriodStart <= municipal.Plan.Details.PeriodEnd
                && b.Plan.Details.PeriodEnd >= municipal.Plan.Details.PeriodStart))
            .OrderBy(b => b.Plan.Details.RegionCode, StringComparer.Ordinal).ThenBy(b => b.Plan.Code, StringComparer.Ordinal)
            .Take(RollupEntry.MaxDistricts).ToList();
        var top = municipal is null ? null : await EntryAsync(municipal, ct);
        var entries = new List<RollupEntry>();
        foreach (var district in districts)
        {
            entries.Add(await EntryAsync(district, ct));
        }

        var targetSum = Sum(entries.Select(e => e.Target.Value));
        return new RollupResponse(metric, top, entries, targetSum,
            top?.Target.Value is { } target && targetSum is { } sum ? target - sum : null,
            Sum(entries.Select(e => e.Actual?.Value)));
    }

    private static decimal? Sum(IEnumerable<decimal?> values) =>
        values.Aggregate((decimal?)null, (sum, value) => value is { } v ? (sum ?? 0) + v : sum);

    private async Task<RollupEntry> EntryAsync(Bound bound, CancellationToken ct)
    {
        var plan = bound.Plan;
        if (!progress.TryGetValue(plan.Code, out var reckoned))
        {
            reckoned = await sender.Send(new GetProgress(plan.Code, today, caller), ct);
            progress[plan.Code] = reckoned;
        }

        var i = reckoned.Indicators.Single(p => p.Code == bound.IndicatorCode);
        var actual = i.Actual is { } a ? new YearValue(a.Year, a.Value) : null;
        return new RollupEntry(plan.Code, plan.Details.Title, plan.Details.Level, plan.Details.RegionCode, i.Code, i.Name, i.Unit,
            i.Baseline, i.Target, actual, i.ProgressPercent, i.Status,
            i.Target.Value is { } t && actual is not null ? t - actual.Value : null);
    }
}
