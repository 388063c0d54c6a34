using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using Plans.Api.Units;
using SharedKernel.Errors;
using SharedKernel.Time;

namespace Plans.Api.Completeness;

/// <summary>A plan's completeness for a year, or a unit's (see <see cref="PlanCompletenessResponse"/>).</summary>
public sealed record GetCompleteness(string PlanCode, int Year, string? Unit, ClaimsPrincipal Caller) : IQuery<PlanCompletenessResponse>;

internal sealed class GetCompletenessValidator : AbstractValidator<GetCompleteness>
{
    public GetCompletenessValidator()
    {
        RuleFor(q => q.Year).InclusiveBetween(1949, 2100);
        RuleFor(q => q.Unit).MaximumLength(200);
    }
}

internal sealed class GetCompletenessHandler(PlansDbContext db, TimeProvider clock) : IQueryHandler<GetCompleteness, PlanCompletenessResponse>
{
    public async ValueTask<PlanCompletenessResponse> Handle(GetCompleteness query, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, query.PlanCode, query.Caller, Access.Read, ct);
        GetUnitObligationsHandler.EnsureWithinPeriod(plan, query.Year);
        var unit = string.IsNullOrWhiteSpace(query.Unit) ? null : query.Unit.Trim();
        var indicators = db.Indicators.AsNoTracking().Where(i => i.PlanCode == plan.Code);
        if (unit is not null)
        {
            indicators = indicators.Where(i => i.Units.Any(u => u.Name == unit));
        }

        var listed = (await indicators.ToListAsync(ct)).OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        if (unit is not null && listed.Count == 0)
        {
            throw new NotFoundException("Unit", $"{plan.Code}/{unit}");
        }

        var figures = await YearFigures.StatesAsync(db, listed.Select(i => i.Id).ToList(), query.Year, ct);
        var due = ReportingCalendar.DueOn(query.Year);
        var pastDue = clock.Today() > due;
        var entries = listed.Select(i =>
        {
            var expected = ReportingCalendar.Expects(plan.Details, i, query.Year);
            var figure = figures.GetValueOrDefault(i.Id);
            return new IndicatorCompleteness(i.Code, i.Definition.Name, expected, figure, expected && pastDue && !YearFigures.IsApproved(figure),
                i.Assignment.Lead, i.Assignment.Responsible);
        }).ToList();
        var units = entries.SelectMany(e => e.LeadUnits.Concat(e.ResponsibleUnits)).Distinct().Order(StringComparer.Ordinal)
            .Select(name => new UnitCompleteness(name, Count(entries.Where(e => e.LeadUnits.Contains(name) || e.ResponsibleUnits.Contains(name)))))
            .ToList();
        return new PlanCompletenessResponse(plan.Code, query.Year, unit, due, Count(entries), entries, units);
    }

    private static CompletenessCounts Count(IEnumerable<IndicatorCompleteness> entries)
    {
        var owed = entries.Where(e => e.Expected).ToList();
        return new CompletenessCounts(owed.Count, owed.Count(e => e.Figure != FigureState.Missing),
            owed.Count(e => YearFigures.IsApproved(e.Figure)), owed.Count(e => e.Late));
    }
}

public static class CompletenessApi
{
    public static RouteGroupBuilder MapCompletenessApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/completeness").WithTags("Completeness");
        group.MapGet("/{year:int}", Get).WithName("GetPlanCompleteness").ReadsPlan()
            .WithSummary("Which indicators owe a figure for the year (every year after the baseline up to the last target year), and how many were reported, approved and are late (not approved after 31 March of the next year); per unit too, or for one unit with ?unit=")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <param name="code">The plan.</param>
    /// <param name="year">The year the figures are for; within the plan's period (422 otherwise).</param>
    /// <param name="unit">Only the indicators this unit leads or is responsible for (404 when the plan names it on none).</param>
    private static async Task<Ok<PlanCompletenessResponse>> Get(string code, int year, string? unit, ISender sender, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCompleteness(code, year, unit, user), ct));
}
