using Persistence.Audit;
using SharedKernel.Errors;

namespace Plans.Api.Domain;

/// <summary>
/// A change of a published indicator's targets (动态调整), approved by a document: the plan's text keeps
/// the original targets, and from <see cref="AdjustedOn"/> on the adjusted ones are in force. Adjustments
/// follow one another in date order, each starting from the targets in force before it.
/// </summary>
public sealed class TargetAdjustment : IAuditedResource
{
    private TargetAdjustment()
    {
    }

    private TargetAdjustment(Indicator indicator, IReadOnlyList<Target> before, IReadOnlyList<Target> after, string reason,
        string documentNumber, DateOnly approvedOn, DateOnly adjustedOn, string? recordedBy, DateTimeOffset now)
    {
        IndicatorId = indicator.Id;
        PlanCode = indicator.PlanCode;
        IndicatorCode = indicator.Code;
        Before = before;
        After = after;
        Reason = reason;
        DocumentNumber = documentNumber;
        ApprovedOn = approvedOn;
        AdjustedOn = adjustedOn;
        RecordedBy = recordedBy;
        RecordedAt = now;
    }

    /// <summary>
    /// Adjusts the targets of an indicator of a published plan. A draft's targets are edited directly;
    /// an archived plan takes no change; an adjustment dated before the indicator's latest one would
    /// rewrite what followed it, so it is refused.
    /// </summary>
    public static TargetAdjustment Adjust(Plan plan, Indicator indicator, IReadOnlyList<TargetAdjustment> earlier,
        IReadOnlyList<Target> after, string reason, string documentNumber, DateOnly approvedOn, DateOnly adjustedOn,
        string? recordedBy, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        if (plan.Status != PlanStatus.Published)
        {
            throw new ConflictException(AdjustmentErrors.PlanNotPublished,
                $"Plan '{plan.Code}' is a draft: its targets are edited directly (PATCH); adjustments change a published plan's.");
        }

        AdjustmentErrors.EnsureRoomFor($"Indicator '{indicator.Code}'", earlier.Count);
        if (earlier.Count > 0 && earlier.Max(a => a.AdjustedOn) is var latest && latest > adjustedOn)
        {
            throw new ConflictException(AdjustmentErrors.OutOfOrder,
                $"Indicator '{indicator.Code}' has an adjustment in force from {latest:yyyy-MM-dd}; a new one cannot take effect before it.");
        }

        var before = InForce(indicator, earlier, adjustedOn);
        if (before.SequenceEqual(after))
        {
            throw new RuleViolationException("targets", "These are the targets already in force; an adjustment changes them.");
        }

        return new TargetAdjustment(indicator, before, after, reason, documentNumber, approvedOn, adjustedOn, recordedBy, now);
    }

    /// <summary>The targets in force on a date: those of the latest adjustment in force by then, or the document's own.</summary>
    public static IReadOnlyList<Target> InForce(Indicator indicator, IEnumerable<TargetAdjustment> adjustments, DateOnly date) =>
        LatestInForce(adjustments, date)?.After ?? indicator.Targets.OrderBy(t => t.Year).ToList();

    /// <summary>The adjustment in force on a date, or null when the document's targets are.</summary>
    public static TargetAdjustment? LatestInForce(IEnumerable<TargetAdjustment> adjustments, DateOnly date) =>
        adjustments.Where(a => a.AdjustedOn <= date).OrderBy(a => a.AdjustedOn).ThenBy(a => a.Id).LastOrDefault();

    public long Id { get; private set; }
    public string AuditKey => $"{PlanCode}/{IndicatorCode}/adjustment {AdjustedOn:yyyy-MM-dd}";
    public long IndicatorId { get; private set; }
    public string PlanCode { get; private set; } = null!;
    public string IndicatorCode { get; private set; } = null!;

    /// <summary>The targets in force before the adjustment, in year order.</summary>
    public IReadOnlyList<Target> Before { get; private set; } = [];

    /// <summary>The targets in force from <see cref="AdjustedOn"/>, in year order.</summary>
    public IReadOnlyList<Target> After { get; private set; } = [];

    /// <summary>Why the targets changed, e.g. the monitoring result that prompted it.</summary>
    public string Reason { get; private set; } = null!;

    /// <summary>The number of the document approving the adjustment (e.g. 津政办函〔2023〕12号).</summary>
    public string DocumentNumber { get; private set; } = null!;

    /// <summary>The date of the approving document.</summary>
    public DateOnly ApprovedOn { get; private set; }

    /// <summary>The first day the adjusted targets are in force.</summary>
    public DateOnly AdjustedOn { get; private set; }

    public string? RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
}

public static class AdjustmentErrors
{
    public const string PlanNotPublished = "planNotPublished";
    public const string OutOfOrder = "adjustmentOutOfOrder";
    public const string TooMany = "tooManyAdjustments";

    /// <summary>
    /// Adjustments one indicator or task takes: a plan is adjusted after its monitoring, a few times in its period, and
    /// the history of an item is answered whole, so it is bounded.
    /// </summary>
    public const int MaxPerItem = 100;

    public static void EnsureRoomFor(string item, int earlier)
    {
        if (earlier >= MaxPerItem)
        {
            throw new ConflictException(TooMany,
                $"{item} has been adjusted {earlier} times, the most one item takes ({MaxPerItem}); a change this large is a new plan.");
        }
    }
}
