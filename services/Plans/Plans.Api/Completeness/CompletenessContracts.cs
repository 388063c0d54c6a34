using System.ComponentModel.DataAnnotations;
using Plans.Api.Domain;

namespace Plans.Api.Completeness;

/// <summary>
/// Which of a plan's indicators owe a figure for a year, and how many of those were reported, approved and are late;
/// the same for each unit the plan names.
/// </summary>
/// <param name="Unit">The unit the answer is confined to, when one was asked for.</param>
/// <param name="DueOn">The year's figures are due by this date (31 March of the next year).</param>
/// <param name="Totals">Counts over the indicators listed.</param>
/// <param name="Indicators">Every indicator of the plan (of the unit), owed or not, in code order.</param>
/// <param name="Units">The counts of each unit named on the indicators listed, by name.</param>
public sealed record PlanCompletenessResponse(
    string PlanCode,
    int Year,
    [property: MaxLength(200)] string? Unit,
    DateOnly DueOn,
    CompletenessCounts Totals,
    [property: MaxLength(1000)] IReadOnlyList<IndicatorCompleteness> Indicators,
    [property: MaxLength(1000)] IReadOnlyList<UnitCompleteness> Units);

/// <summary>
/// Counts over the indicators that owe a figure for the year. <c>reported</c>: a figure of any status was entered;
/// <c>approved</c>: it is approved or a register's automatic one; <c>late</c>: still not approved after the due date.
/// </summary>
public sealed record CompletenessCounts(int Expected, int Reported, int Approved, int Late);

/// <summary>One indicator's figure for the year.</summary>
/// <param name="Expected">A figure is owed: the year is after the baseline and no later than the last target year.</param>
/// <param name="Figure">How far the year's figure has gone: missing, draft, submitted, approved or automatic.</param>
/// <param name="Late">Owed, not approved, and past the due date.</param>
public sealed record IndicatorCompleteness(string Code, [property: MaxLength(300)] string Name, bool Expected, FigureState Figure, bool Late,
    [property: MaxLength(50)] IReadOnlyList<string> LeadUnits, [property: MaxLength(50)] IReadOnlyList<string> ResponsibleUnits);

/// <summary>A unit's counts: over the owed indicators it leads or is responsible for.</summary>
public sealed record UnitCompleteness([property: MaxLength(200)] string Unit, CompletenessCounts Counts);
