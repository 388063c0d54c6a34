using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Indicators;
using Plans.Api.Plans;

namespace Plans.Api.Progress;

/// <summary>A plan's progress on every indicator.</summary>
/// <param name="PlanCode">The plan.</param>
/// <param name="AsOf">The date the expected positions are reckoned for.</param>
/// <param name="Indicators">One entry per indicator, in code order.</param>
public sealed record PlanProgressResponse(string PlanCode, DateOnly AsOf, IReadOnlyList<IndicatorProgressResponse> Indicators);

/// <summary>The latest observation of an indicator.</summary>
public sealed record ActualValue(int Year, decimal Value, ObservationOrigin Origin);

/// <summary>
/// One indicator's progress. Percentages are rounded to one decimal and may exceed 100 or fall below 0.
/// <c>flags</c> names the indicator's data-quality flags; read the indicator for their messages.
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
    ProgressStatus Status);

public static class ProgressApi
{
    public static RouteGroupBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/progress").WithTags("Progress");
        group.MapGet("/", GetProgress).WithName("GetPlanProgress")
            .WithSummary("Progress of every indicator: baseline, target, latest actual, share of the way, expected share, status");
        return group;
    }

    /// <param name="code">The plan.</param>
    /// <param name="asOf">Reckon as of this date (default: today). Observations for later years are left out.</param>
    private static async Task<Ok<PlanProgressResponse>> GetProgress(string code, DateOnly? asOf, PlansDbContext db,
        TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        await PlanLookup.FindAsync(db, code, user, Access.Read, ct);
        var date = asOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.PlanCode == code).OrderBy(i => i.Code).ToListAsync(ct);
        var ids = indicators.Select(i => i.Id).ToList();
        var observations = (await db.Observations.AsNoTracking().Where(o => ids.Contains(o.IndicatorId)).ToListAsync(ct))
            .ToLookup(o => o.IndicatorId, o => new ObservedValue(o.Year, o.Value, o.Origin, o.RecordedAt));

        var entries = indicators.Select(indicator =>
        {
            var facts = indicator.Facts;
            var result = ProgressCalculator.Calculate(facts, observations[indicator.Id], date);
            return new IndicatorProgressResponse(indicator.Code, indicator.Definition.Name, indicator.Definition.Unit,
                facts.Measure, facts.Direction,
                IndicatorResponse.BaselineOf(indicator),
                TargetValue.From(result.Target),
                result.Actual is { } a ? new ActualValue(a.Year, a.Value, a.Origin) : null,
                indicator.Flags.Select(f => f.Code).ToList(),
                result.AchievedValue, result.ProgressPercent, result.ExpectedPercent, result.ExpectedPercentAtActual,
                result.Status);
        }).ToList();
        return TypedResults.Ok(new PlanProgressResponse(code, date, entries));
    }
}
