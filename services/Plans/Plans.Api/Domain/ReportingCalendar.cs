namespace Plans.Api.Domain;

/// <summary>
/// The yearly monitoring of a plan (年度监测, as the plans prescribe it): which indicators owe a figure for
/// a year, and by when.
/// </summary>
public static class ReportingCalendar
{
    /// <summary>
    /// A year's figures are due by 31 March of the next year, when the statistics bureau's yearly figures
    /// (统计公报) are out; a figure still not approved after that is late.
    /// </summary>
    public static DateOnly DueOn(int year) => new(year + 1, 3, 31);

    /// <summary>
    /// An indicator owes a figure for every year after its baseline (the plan's where it has none) up to
    /// its last target year, within the plan's period: its milestones, and the years between them, since
    /// monitoring is yearly.
    /// </summary>
    public static bool Expects(PlanDetails plan, Indicator indicator, int year) =>
        year >= plan.PeriodStart && year <= plan.PeriodEnd
        && year > (indicator.Definition.BaselineYear ?? plan.BaselineYear)
        && indicator.Targets.Count > 0 && year <= indicator.Targets.Max(t => t.Year);
}

/// <summary>Where an indicator's figure for a year stands: the furthest any of its figures for that year has gone.</summary>
public enum FigureState
{
    /// <summary>No figure for the year.</summary>
    Missing,
    /// <summary>Entered, not yet submitted.</summary>
    Draft,
    /// <summary>Submitted by the reporting unit, awaiting the plan owner's approval.</summary>
    Submitted,
    /// <summary>Approved and locked.</summary>
    Approved,
    /// <summary>Counted by a register: needs no approval.</summary>
    Automatic,
}
