using Persistence.Audit;
using SharedKernel.Errors;

namespace Plans.Api.Domain;

/// <summary>
/// A review of a plan's implementation (中期评估, 专项监测) frozen at the moment it is taken: the monitoring report as of
/// <see cref="AsOf"/>, stored whole and read back as stored, so later figures or adjustments never change it.
/// </summary>
public sealed class MonitoringReview : IAuditedResource
{
    /// <summary>Reviews a plan takes in its period: a mid-term review and a few special ones, so a plan's list stays short.</summary>
    public const int MaxPerPlan = 100;

    private MonitoringReview()
    {
    }

    private MonitoringReview(Plan plan, string title, DateOnly asOf, string? note, string content, string? takenBy, DateTimeOffset now)
    {
        PlanCode = plan.Code;
        Title = title;
        AsOf = asOf;
        Note = note;
        Content = content;
        TakenBy = takenBy;
        TakenAt = now;
    }

    /// <summary>
    /// Takes a review of a plan as of a date (see <see cref="EnsureTakable"/>); <paramref name="content"/> is the report
    /// as of that date, serialized.
    /// </summary>
    public static MonitoringReview Take(Plan plan, int earlier, string title, DateOnly asOf, string? note, string content,
        string? takenBy, DateTimeOffset now, DateOnly today)
    {
        EnsureTakable(plan, earlier, asOf, today);
        return new MonitoringReview(plan, title, asOf, note, content, takenBy, now);
    }

    /// <summary>
    /// A review is of a published plan (or an archived one, for a closing review), as of a date within its period and
    /// not after today, and a plan takes at most <see cref="MaxPerPlan"/>.
    /// </summary>
    public static void EnsureTakable(Plan plan, int earlier, DateOnly asOf, DateOnly today)
    {
        if (plan.Status == PlanStatus.Draft)
        {
            throw new ConflictException(AdjustmentErrors.PlanNotPublished, $"Plan '{plan.Code}' is a draft; a review is taken of a published plan.");
        }

        if (asOf.Year < plan.Details.PeriodStart || asOf.Year > plan.Details.PeriodEnd)
        {
            throw new RuleViolationException("asOf",
                $"Plan '{plan.Code}' runs from {plan.Details.PeriodStart} to {plan.Details.PeriodEnd}; a review as of {asOf:yyyy-MM-dd} falls outside it.");
        }

        if (asOf > today)
        {
            throw new RuleViolationException("asOf", $"A review is taken as of a date that has come ({today:yyyy-MM-dd} or before), not {asOf:yyyy-MM-dd}.");
        }

        if (earlier >= MaxPerPlan)
        {
            throw new ConflictException(TooMany, $"Plan '{plan.Code}' has {earlier} reviews, the most a plan takes ({MaxPerPlan}).");
        }
    }

    public const string TooMany = "tooManyReviews";

    public long Id { get; private set; }
    public string AuditKey => $"{PlanCode}/review {AsOf:yyyy-MM-dd} {Title}";
    public string PlanCode { get; private set; } = null!;

    /// <summary>What the review is, e.g. 中期评估.</summary>
    public string Title { get; private set; } = null!;

    /// <summary>The date the report is reckoned for.</summary>
    public DateOnly AsOf { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The report as it stood when the review was taken, as JSON: written once, never recomputed.</summary>
    public string Content { get; private set; } = null!;

    public string? TakenBy { get; private set; }
    public DateTimeOffset TakenAt { get; private set; }
}
