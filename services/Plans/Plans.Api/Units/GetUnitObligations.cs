using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Indicators;
using Plans.Api.Plans;
using SharedKernel.Errors;
using SharedKernel.Time;

namespace Plans.Api.Units;

/// <summary>The units a plan names on its indicators and tasks.</summary>
public sealed record ListPlanUnits(string PlanCode, ClaimsPrincipal Caller) : IQuery<PlanUnitsResponse>;

internal sealed class ListPlanUnitsHandler(PlansDbContext db) : IQueryHandler<ListPlanUnits, PlanUnitsResponse>
{
    public async ValueTask<PlanUnitsResponse> Handle(ListPlanUnits query, CancellationToken ct)
    {
        await PlanLookup.FindAsync(db, query.PlanCode, query.Caller, Access.Read, ct);
        var indicatorUnits = await db.Indicators.AsNoTracking().Where(i => i.PlanCode == query.PlanCode)
            .SelectMany(i => i.Units).ToListAsync(ct);
        var taskUnits = await db.Tasks.AsNoTracking().Where(t => t.PlanCode == query.PlanCode)
            .SelectMany(t => t.Units).ToListAsync(ct);
        var units = indicatorUnits.Select(u => u.Name).Concat(taskUnits.Select(u => u.Name)).Distinct().Order(StringComparer.Ordinal)
            .Select(name => new PlanUnit(name,
                indicatorUnits.Count(u => u.Name == name && u.Role == UnitRole.Lead),
                indicatorUnits.Count(u => u.Name == name && u.Role == UnitRole.Responsible),
                taskUnits.Count(u => u.Name == name && u.Role == UnitRole.Lead),
                taskUnits.Count(u => u.Name == name && u.Role == UnitRole.Responsible)))
            .ToList();
        return new PlanUnitsResponse(query.PlanCode, units);
    }
}

/// <summary>What a unit owes a plan for a year (by default the current one): see <see cref="UnitObligationsResponse"/>.</summary>
public sealed record GetUnitObligations(string PlanCode, string Unit, int? Year, ClaimsPrincipal Caller) : IQuery<UnitObligationsResponse>;

internal sealed class GetUnitObligationsValidator : AbstractValidator<GetUnitObligations>
{
    public GetUnitObligationsValidator()
    {
        RuleFor(q => q.Unit).NotEmpty().MaximumLength(200);
        RuleFor(q => q.Year).InclusiveBetween(1949, 2100);
    }
}

internal sealed class GetUnitObligationsHandler(PlansDbContext db, TimeProvider clock) : IQueryHandler<GetUnitObligations, UnitObligationsResponse>
{
    public async ValueTask<UnitObligationsResponse> Handle(GetUnitObligations query, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, query.PlanCode, query.Caller, Access.Read, ct);
        var today = clock.Today();
        var year = query.Year ?? today.Year;
        EnsureWithinPeriod(plan, year);
        var unit = query.Unit.Trim();
        var indicators = (await db.Indicators.AsNoTracking().Where(i => i.PlanCode == plan.Code && i.Units.Any(u => u.Name == unit))
            .ToListAsync(ct)).OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.PlanCode == plan.Code && t.Units.Any(u => u.Name == unit))
            .OrderBy(t => t.SortKey).ToListAsync(ct);
        if (indicators.Count == 0 && tasks.Count == 0)
        {
            throw new NotFoundException("Unit", $"{plan.Code}/{unit}");
        }

        var figures = await YearFigures.StatesAsync(db, indicators.Select(i => i.Id).ToList(), year, ct);
        var due = ReportingCalendar.DueOn(year);
        return new UnitObligationsResponse(plan.Code, unit, year, due,
            indicators.Select(i =>
            {
                var expected = ReportingCalendar.Expects(plan.Details, i, year);
                var figure = figures.GetValueOrDefault(i.Id);
                return new IndicatorObligation(i.Code, i.Definition.Name, i.Definition.Unit, RoleOf(i.Units.Select(u => (u.Role, u.Name)), unit),
                    i.Targets.FirstOrDefault(t => t.Year == year) is { } target ? TargetValue.From(target) : null,
                    expected, figure, expected && !YearFigures.IsApproved(figure) && today > due);
            }).ToList(),
            tasks.Select(t => new TaskObligation(t.Code, t.Title, RoleOf(t.Units.Select(u => (u.Role, u.Name)), unit), t.DueYear,
                t.Progress.Status, t.Progress.Note)).ToList());
    }

    /// <summary>A year outside the plan's period owes nothing: 422, rather than an empty answer that reads as "all done".</summary>
    internal static void EnsureWithinPeriod(Plan plan, int year)
    {
        if (year < plan.Details.PeriodStart || year > plan.Details.PeriodEnd)
        {
            throw new RuleViolationException("year",
                $"Plan '{plan.Code}' runs from {plan.Details.PeriodStart} to {plan.Details.PeriodEnd}; {year} falls outside it.");
        }
    }

    private static UnitRole RoleOf(IEnumerable<(UnitRole Role, string Name)> units, string unit) =>
        units.Any(u => u.Name == unit && u.Role == UnitRole.Lead) ? UnitRole.Lead : UnitRole.Responsible;
}
