using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using SharedKernel.Time;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Indicators;
using Plans.Api.Plans;
using Plans.Api.RegisterMetrics;
using Plans.Api.RegisterMetrics.Authority;

namespace Plans.Api.Progress;

/// <summary>A plan's progress on every indicator.</summary>
/// <param name="PlanCode">The plan.</param>
/// <param name="AsOf">The date the expected positions are reckoned for.</param>
/// <param name="Indicators">One entry per indicator, in code order.</param>
public sealed record PlanProgressResponse(string PlanCode, DateOnly AsOf, IReadOnlyList<IndicatorProgressResponse> Indicators);

/// <summary>The latest observation of an indicator.</summary>
/// <param name="Source">Where it came from: <c>manual</c> (a person or a statistics system) or the register that
/// counted it, <c>register:{name}</c> (<c>register:enterprises</c>).</param>
/// <param name="Status">approved or automatic; with <c>figures=latest</c> also draft or submitted.</param>
public sealed record ActualValue(int Year, decimal Value, ObservationOrigin Origin, string Source, ApprovalStatus Status);

/// <summary>Which yearly figures progress reckons with.</summary>
public enum FigureSet
{
    /// <summary>Approved figures and the registers' automatic ones (the default).</summary>
    Approved,
    /// <summary>The latest figure of each year, approved or not.</summary>
    Latest,
}

/// <summary>What an indicator's register binding is doing.</summary>
public enum MetricStatus
{
    /// <summary>The indicator is not bound to a register metric; its actuals are entered.</summary>
    Unbound,
    /// <summary>Bound, but the register is not marked authoritative for the plan's region or a region above it,
    /// so no automatic observations are recorded.</summary>
    AwaitingAuthority,
    /// <summary>Bound and authoritative: the register's count is this year's automatic figure, updated whenever it changes.</summary>
    Live,
    /// <summary>Bound to a metric of a register this service does not read yet (platforms, talent).</summary>
    RegisterNotConnected,
}

/// <summary>
/// One indicator's progress. Percentages are rounded to one decimal and may exceed 100 or fall below 0.
/// <c>flags</c> names the indicator's data-quality flags; read the indicator for their messages.
/// <c>metricStatus</c> says whether a register binding is feeding the actuals (live) or waiting for the register
/// to be marked authoritative for the plan's region. <c>target</c> is the final target in force on <c>asOf</c>: the
/// document's, or an adjustment's, whose approving document <c>targetAdjustedBy</c> names (null for the document's own).
/// </summary>
public sealed record IndicatorProgressResponse(
    string Code,
    string Name,
    string? Unit,
    Measure Measure,
    Direction Direction,
    YearValue? Baseline,
    TargetValue Target,
    ActualValue? Actual,
    IReadOnlyList<string> Flags,
    decimal? AchievedValue,
    decimal? ProgressPercent,
    decimal? ExpectedPercent,
    decimal? ExpectedPercentAtActual,
    ProgressStatus Status,
    MetricStatus MetricStatus,
    [property: MaxLength(100)] string? TargetAdjustedBy);

/// <summary>A plan's progress on every indicator, reckoned as of a date.</summary>
public sealed record GetProgress(string Code, DateOnly? AsOf, ClaimsPrincipal Caller, string? Figures = null) : IQuery<PlanProgressResponse>;

internal sealed class GetProgressValidator : AbstractValidator<GetProgress>
{
    public GetProgressValidator() => RuleFor(q => q.Figures).IsNameOf(typeof(FigureSet)).OverridePropertyName("figures");
}

internal sealed class GetProgressHandler(PlansDbContext db, RegisterSources sources, TimeProvider clock) : IQueryHandler<GetProgress, PlanProgressResponse>
{
    public async ValueTask<PlanProgressResponse> Handle(GetProgress query, CancellationToken ct)
    {
        var code = query.Code;
        var plan = await PlanLookup.FindAsync(db, code, query.Caller, Access.Read, ct);
        var today = clock.Today();
        var date = query.AsOf ?? today;
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.PlanCode == code).OrderBy(i => i.Code).ToListAsync(ct);
        var ids = indicators.Select(i => i.Id).ToList();
        // Only the latest record of each year counts, a later one correcting the earlier (of two recorded in the
        // same instant, the later row). A bound indicator has one automatic figure a year, updated in place, so
        // this reads the same few rows however many register events there have been.
        var latest = EnumFilter.Parse<FigureSet>(query.Figures) == FigureSet.Latest;
        var observations = (await db.Observations.AsNoTracking()
                .Where(o => ids.Contains(o.IndicatorId))
                .Where(o => latest || o.Status == ApprovalStatus.Approved || o.Status == ApprovalStatus.Automatic)
                .GroupBy(o => new { o.IndicatorId, o.Year })
                .Select(g => g.OrderByDescending(o => o.RecordedAt).ThenByDescending(o => o.Id).First())
                .ToListAsync(ct))
            .ToLookup(o => o.IndicatorId);
        var authorities = await db.RegisterAuthorities.AsNoTracking().Where(a => a.Authoritative).ToListAsync(ct);
        var adjustments = (await db.TargetAdjustments.AsNoTracking().Where(a => ids.Contains(a.IndicatorId)).ToListAsync(ct))
            .ToLookup(a => a.IndicatorId);

        var entries = indicators.Select(indicator =>
        {
            // The targets in force on the date reckoned for: an adjustment changes progress only from its date.
            var adjustment = TargetAdjustment.LatestInForce(adjustments[indicator.Id], date);
            var facts = indicator.Facts with { Targets = TargetAdjustment.InForce(indicator, adjustments[indicator.Id], date) };
            var figures = observations[indicator.Id].ToList();
            var result = ProgressCalculator.Calculate(facts,
                figures.Select(o => new ObservedValue(o.Year, o.Value, o.Origin, o.RecordedAt, SourceOf(o))), date);
            var status = result.Actual is { } shown ? figures.First(o => o.Year == shown.Year).Status : (ApprovalStatus?)null;
            return new IndicatorProgressResponse(indicator.Code, indicator.Definition.Name, indicator.Definition.Unit,
                facts.Measure, facts.Direction,
                IndicatorResponse.BaselineOf(indicator),
                TargetValue.From(result.Target),
                result.Actual is { } a ? new ActualValue(a.Year, a.Value, a.Origin, a.Source ?? "manual", status!.Value) : null,
                indicator.Flags.Select(f => f.Code).ToList(),
                result.AchievedValue, result.ProgressPercent, result.ExpectedPercent, result.ExpectedPercentAtActual,
                result.Status,
                MetricStatusOf(indicator, plan, authorities, today),
                adjustment?.DocumentNumber);
        }).ToList();
        return new PlanProgressResponse(code, date, entries);
    }

    private static string SourceOf(Observation o) =>
        o.Origin == ObservationOrigin.Metric ? o.RecordedBy ?? "register" : "manual";

    private MetricStatus MetricStatusOf(Indicator indicator, Plan plan, IReadOnlyList<RegisterAuthority> authorities, DateOnly today)
    {
        if (indicator.Annotations.Metric is not { } key)
        {
            return MetricStatus.Unbound;
        }

        if (sources.Parse(key) is not { } metric || sources.Find(metric.Register)?.Copy is null)
        {
            return MetricStatus.RegisterNotConnected;
        }

        return RegisterAuthorities.InForce(authorities.Where(a => a.Register == metric.Register), plan.Details.RegionCode, today) is null
            ? MetricStatus.AwaitingAuthority
            : MetricStatus.Live;
    }
}

public static class ProgressApi
{
    public static RouteGroupBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/progress").WithTags("Progress");
        group.MapGet("/", Get).WithName("GetPlanProgress").ReadsPlan()
            .WithSummary("Progress of every indicator: baseline, target, latest actual, share of the way, expected share, status");
        return group;
    }

    /// <param name="code">The plan.</param>
    /// <param name="asOf">Reckon as of this date (default: today). Observations for later years are left out.</param>
    /// <param name="figures">approved (default): approved figures and the registers' automatic ones; latest: the latest
    /// figure of each year, approved or not.</param>
    private static async Task<Ok<PlanProgressResponse>> Get(string code, DateOnly? asOf, string? figures, ISender sender,
        ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetProgress(code, asOf, user, figures), ct));
}
