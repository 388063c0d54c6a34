using System.ComponentModel.DataAnnotations;
using Plans.Api.Domain;
using Plans.Api.Indicators;

namespace Plans.Api.Units;

/// <summary>The units a plan names, each with how many indicators and tasks it leads or is responsible for.</summary>
public sealed record PlanUnitsResponse(string PlanCode, [property: MaxLength(1000)] IReadOnlyList<PlanUnit> Units);

/// <summary>A unit named by a plan (牵头单位 or 责任单位).</summary>
public sealed record PlanUnit([property: MaxLength(200)] string Name, int LeadIndicators, int ResponsibleIndicators, int LeadTasks,
    int ResponsibleTasks);

/// <summary>What a unit owes a plan for a year: the figures of the indicators it is named on, and progress on its tasks.</summary>
/// <param name="DueOn">When the year's figures are due (31 March of the next year).</param>
public sealed record UnitObligationsResponse(
    string PlanCode,
    [property: MaxLength(200)] string Unit,
    int Year,
    DateOnly DueOn,
    [property: MaxLength(1000)] IReadOnlyList<IndicatorObligation> Indicators,
    [property: MaxLength(1000)] IReadOnlyList<TaskObligation> Tasks);

/// <summary>An indicator a unit reports.</summary>
/// <param name="Role">lead (牵头) or responsible (责任).</param>
/// <param name="Target">The document's target for the year, where it sets one (a milestone).</param>
/// <param name="Expected">A figure is owed for the year (after the baseline, up to the last target year).</param>
/// <param name="Figure">How far the year's figure has gone: missing, draft, submitted, approved or automatic.</param>
/// <param name="Late">Owed, not approved, and past the due date.</param>
public sealed record IndicatorObligation(string Code, [property: MaxLength(300)] string Name, [property: MaxLength(50)] string? Unit,
    UnitRole Role, TargetValue? Target, bool Expected, FigureState Figure, bool Late);

/// <summary>A key task a unit reports progress on.</summary>
public sealed record TaskObligation(string Code, [property: MaxLength(500)] string Title, UnitRole Role, int? DueYear,
    KeyTaskStatus Status, [property: MaxLength(4000)] string? ProgressNote);
