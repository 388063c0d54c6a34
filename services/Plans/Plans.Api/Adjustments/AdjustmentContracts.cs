using System.ComponentModel.DataAnnotations;
using Plans.Api.Domain;
using Plans.Api.Indicators;

namespace Plans.Api.Adjustments;

/// <summary>An adjustment of a published indicator's targets (动态调整).</summary>
/// <param name="Targets">The targets in force from <paramref name="AdjustedOn"/>: all of them, each year within the plan's period.</param>
/// <param name="Reason">Why they change (required), e.g. the monitoring result that prompted it.</param>
/// <param name="DocumentNumber">The number of the approving document (required).</param>
/// <param name="ApprovedOn">The approving document's date.</param>
/// <param name="AdjustedOn">The first day the new targets are in force; not before the approval, within the plan's period,
/// and not before the indicator's latest adjustment.</param>
public sealed record AdjustTargetsRequest([property: MaxLength(Indicator.MaxTargets)] IReadOnlyList<TargetInput?>? Targets, string? Reason, string? DocumentNumber,
    DateOnly? ApprovedOn, DateOnly? AdjustedOn);

/// <summary>What an adjustment changed.</summary>
/// <param name="Before">The targets in force until the adjustment.</param>
/// <param name="After">The targets in force from it.</param>
public sealed record TargetChanges([property: MaxLength(Indicator.MaxTargets)] IReadOnlyList<TargetValue> Before,
    [property: MaxLength(Indicator.MaxTargets)] IReadOnlyList<TargetValue> After);

/// <summary>An adjustment of an indicator's targets.</summary>
public sealed record AdjustmentResponse(
    long Id,
    string PlanCode,
    string IndicatorCode,
    TargetChanges Changes,
    string Reason,
    string DocumentNumber,
    DateOnly ApprovedOn,
    DateOnly AdjustedOn,
    DateTimeOffset RecordedAt,
    string? RecordedBy)
{
    public static AdjustmentResponse From(TargetAdjustment a) => new(a.Id, a.PlanCode, a.IndicatorCode,
        new TargetChanges(a.Before.Select(TargetValue.From).ToList(), a.After.Select(TargetValue.From).ToList()),
        a.Reason, a.DocumentNumber, a.ApprovedOn, a.AdjustedOn, a.RecordedAt, a.RecordedBy);
}

/// <summary>An indicator's targets: as the document printed them, as in force today, and how they came to be.</summary>
/// <param name="Original">The targets as the document printed them.</param>
/// <param name="InForce">The targets in force today.</param>
/// <param name="Adjustments">Every adjustment, oldest first (at most 100: see tooManyAdjustments).</param>
public sealed record AdjustmentHistoryResponse(
    string PlanCode,
    string IndicatorCode,
    [property: MaxLength(Indicator.MaxTargets)] IReadOnlyList<TargetValue> Original,
    [property: MaxLength(Indicator.MaxTargets)] IReadOnlyList<TargetValue> InForce,
    [property: MaxLength(AdjustmentErrors.MaxPerItem)] IReadOnlyList<AdjustmentResponse> Adjustments);
