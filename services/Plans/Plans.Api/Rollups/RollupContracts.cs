using System.ComponentModel.DataAnnotations;
using Plans.Api.Domain;
using Plans.Api.Indicators;
using Plans.Api.Progress;

namespace Plans.Api.Rollups;

/// <summary>
/// One register metric across the published plans bound to it: the municipal plan's target and actual beside each
/// district's and functional zone's, with the sum of their targets and actuals and the gap to the municipal target.
/// The plans' target years may differ (each entry names its own); the sums are for comparison, not a breakdown.
/// </summary>
/// <param name="Metric">The register metric, e.g. <c>enterprises.qualified.HighTech</c>.</param>
/// <param name="Municipal">The municipal plan's entry: the published municipal plan bound to the metric whose period holds
/// today's year, else the latest; null when no municipal plan is bound to it.</param>
/// <param name="Districts">The district and functional-zone plans bound to the metric whose periods overlap the municipal
/// plan's, by region code.</param>
/// <param name="DistrictTargetSum">The sum of the districts' final targets (null when none sets a figure).</param>
/// <param name="TargetGap">The municipal final target minus <paramref name="DistrictTargetSum"/>.</param>
/// <param name="DistrictActualSum">The sum of the districts' latest approved or register actuals (null when none has one).</param>
public sealed record RollupResponse(
    [property: MaxLength(120)] string Metric,
    RollupEntry? Municipal,
    [property: MaxLength(RollupEntry.MaxDistricts)] IReadOnlyList<RollupEntry> Districts,
    decimal? DistrictTargetSum,
    decimal? TargetGap,
    decimal? DistrictActualSum);

/// <summary>One plan's indicator in a roll-up, from the plan's live progress (targets in force today, approved actuals).</summary>
/// <param name="Target">The final target in force today.</param>
/// <param name="Actual">The latest approved or register figure; null when there is none.</param>
/// <param name="Remaining">The target minus the actual: what is still to be reached (negative once exceeded).</param>
public sealed record RollupEntry(
    string PlanCode,
    [property: MaxLength(300)] string PlanTitle,
    PlanLevel Level,
    [property: MaxLength(12)] string RegionCode,
    string IndicatorCode,
    [property: MaxLength(300)] string IndicatorName,
    [property: MaxLength(50)] string? Unit,
    YearValue? Baseline,
    TargetValue Target,
    YearValue? Actual,
    decimal? ProgressPercent,
    ProgressStatus Status,
    decimal? Remaining)
{
    /// <summary>Districts and functional zones in one roll-up: Tianjin has 16 districts and a few zones.</summary>
    public const int MaxDistricts = 100;
}

/// <summary>Every metric the municipal plan shares with at least one district or zone plan, rolled up.</summary>
public sealed record RollupListResponse([property: MaxLength(RollupListResponse.MaxMetrics)] IReadOnlyList<RollupResponse> Items)
{
    /// <summary>Metrics in the list: the bound indicators of the published municipal plans, a few dozen at most.</summary>
    public const int MaxMetrics = 200;
}
