namespace Plans.Api.Domain;

public enum PlanKind
{
    FiveYearPlan,
    ActionPlan,
    Outline,
    SpecialPlan,
    Other,
}

/// <summary>Which tier of government issued the plan.</summary>
public enum PlanLevel
{
    Municipal,
    District,
    FunctionalZone,
}

/// <summary>draft → published → archived; an archived plan takes no change of any kind.</summary>
public enum PlanStatus
{
    Draft,
    Published,
    Archived,
}

/// <summary>What a figure of an indicator measures, which decides how progress is reckoned.</summary>
public enum Measure
{
    /// <summary>A rate or index level at a point in time.</summary>
    Level,
    /// <summary>A count or amount held at a point in time (enterprises, patents in force).</summary>
    Stock,
    /// <summary>A running total (累计): baseline, targets and observations are totals to date, e.g. 累计认定 216 → 300.
    /// Without a baseline, the count of new ones since the period began (新增服务创客150人).</summary>
    Cumulative,
    /// <summary>Targets are the increase over the baseline; observations are the level reached.</summary>
    Increment,
    /// <summary>An amount per year; the target is the sum over the period, observations are yearly amounts.</summary>
    Flow,
    /// <summary>A percentage share (R&amp;D spending as a share of GDP).</summary>
    Share,
    /// <summary>A yearly growth rate in percent.</summary>
    GrowthRate,
}

/// <summary>How a plan's indicator table classes a target (属性): one the government must meet, or one it expects to reach.</summary>
public enum IndicatorNature
{
    /// <summary>约束性: binding, an obligation of the government.</summary>
    Binding,
    /// <summary>预期性: expected, a goal the market and society are guided towards.</summary>
    Expected,
}

public enum Direction
{
    Increase,
    Decrease,
    /// <summary>Keep the figure at the target: at or above it, or at or below it with <see cref="TargetQualifier.AtMost"/>.</summary>
    Maintain,
}

/// <summary>How the document words a target: 以上 / 不少于 → atLeast, 以内 / 不超过 → atMost, 左右 → approximately, 力争 → strive.</summary>
public enum TargetQualifier
{
    AtLeast,
    AtMost,
    Approximately,
    Strive,
}

public enum ObservationOrigin
{
    /// <summary>Entered by a person or an external statistics system.</summary>
    Manual,
    /// <summary>Recorded automatically from a register metric the indicator is bound to.</summary>
    Metric,
}

/// <summary>
/// Where a yearly figure stands in its approval (as DHIS2 approves data values): entered, submitted by the
/// reporting unit, approved by the plan's owner, which locks it. A register's figure needs no approval.
/// </summary>
public enum ApprovalStatus
{
    Draft,
    Submitted,
    /// <summary>Approved and so locked: no further figure for its indicator and year until an administrator unapproves it.</summary>
    Approved,
    /// <summary>Counted by a register (origin metric): needs no approval.</summary>
    Automatic,
}

public enum KeyTaskStatus
{
    NotStarted,
    InProgress,
    Completed,
    Delayed,
}

public enum UnitRole
{
    /// <summary>牵头单位</summary>
    Lead,
    /// <summary>责任单位</summary>
    Responsible,
}
