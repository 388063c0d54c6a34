using SharedKernel.Errors;
using Persistence.Audit;

namespace Plans.Api.Domain;

/// <summary>
/// A value of an indicator for a year. A manual observation is never overwritten: a later one for
/// the same year corrects the earlier, and both stay on record. An automatic one (origin
/// <c>metric</c>) is the register's current figure: one per indicator and year, updated in place as
/// the register changes (the audit trail keeps its history).
/// </summary>
public sealed class Observation : IAuditedResource
{
    private Observation()
    {
    }

    /// <summary>
    /// A value entered by a person or a statistics system. It cannot be for a year before the
    /// indicator's baseline, which is where the indicator's record starts, nor after the plan's period.
    /// </summary>
    /// <param name="source">Where the figure comes from (统计公报, a bureau's report), which a bulk import is idempotent by.</param>
    public static Observation Manual(Plan plan, Indicator indicator, int year, decimal value, string? recordedBy, string? source,
        string? note, DateTimeOffset now)
    {
        if (indicator.Definition.BaselineYear is { } baselineYear && year < baselineYear)
        {
            throw new RuleViolationException("year", $"The indicator's baseline is for {baselineYear}; observations start from that year.");
        }

        if (year > plan.Details.PeriodEnd)
        {
            throw new RuleViolationException("year",
                $"Plan '{plan.Code}' runs from {plan.Details.PeriodStart} to {plan.Details.PeriodEnd}; a figure for {year} falls outside it.");
        }

        return new Observation(plan, indicator, year, value, ObservationOrigin.Manual, recordedBy, note, now) { Source = source };
    }

    /// <summary>A new figure for a year whose approved figure is locked is refused.</summary>
    public static void EnsureYearOpen(Indicator indicator, int year, bool approvedExists)
    {
        if (approvedExists)
        {
            throw new ConflictException(ObservationErrors.FigureLocked,
                $"The figure of indicator '{indicator.Code}' for {year} is approved and locked; an administrator must unapprove it, with a reason, before it can change.");
        }
    }

    /// <summary>The reporting unit submits an entered figure for approval.</summary>
    public void Submit(Plan plan, string? by, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        EnsureStatus(ApprovalStatus.Draft, "submitted");
        Status = ApprovalStatus.Submitted;
        SubmittedBy = by;
        SubmittedAt = now;
    }

    /// <summary>
    /// The plan's owner approves a submitted figure, which locks it. The approver is not the submitter:
    /// the two roles are held apart, so no one approves their own figure.
    /// </summary>
    public void Approve(Plan plan, string? by, bool approvedExists, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        EnsureStatus(ApprovalStatus.Submitted, "approved");
        if (by is null || by == SubmittedBy)
        {
            throw new ForbiddenException("Separation of duties",
                "A figure is approved by another client than the one that submitted it: the reporting unit submits, the plan's owner approves.");
        }

        if (approvedExists)
        {
            throw new ConflictException(ObservationErrors.FigureLocked, $"Another figure for {Year} is approved already; unapprove it first.");
        }

        Status = ApprovalStatus.Approved;
        ApprovedBy = by;
        ApprovedAt = now;
    }

    /// <summary>An administrator reopens an approved figure, giving the reason (kept, and in the audit trail); it is submitted again.</summary>
    public void Unapprove(Plan plan, string? by, string reason, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        EnsureStatus(ApprovalStatus.Approved, "unapproved");
        Status = ApprovalStatus.Submitted;
        ApprovedBy = null;
        ApprovedAt = null;
        UnapprovedBy = by;
        UnapprovedAt = now;
        UnapprovalReason = reason;
    }

    private void EnsureStatus(ApprovalStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new ConflictException(ObservationErrors.InvalidApprovalTransition,
                $"Only a {expected.ToString().ToLowerInvariant()} figure can be {action}; this one is {Status.ToString().ToLowerInvariant()}.");
        }
    }

    /// <summary>The first automatic figure of an indicator for a year, counted by a register.</summary>
    public static Observation Automatic(Plan plan, Indicator indicator, int year, decimal value, string recordedBy, string note,
        DateTimeOffset now) =>
        new(plan, indicator, year, value, ObservationOrigin.Metric, recordedBy, note, now);

    public Observation(Plan plan, Indicator indicator, int year, decimal value, ObservationOrigin origin,
        string? recordedBy, string? note, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        IndicatorId = indicator.Id;
        Year = year;
        Value = value;
        Origin = origin;
        RecordedBy = recordedBy;
        Note = note;
        RecordedAt = now;
        Status = origin == ObservationOrigin.Metric ? ApprovalStatus.Automatic : ApprovalStatus.Draft;
    }

    /// <summary>
    /// Brings an automatic figure up to date; returns false when it already says this, so that
    /// <see cref="RecordedAt"/> stays the time the figure last changed.
    /// </summary>
    public bool Update(decimal value, string note, DateTimeOffset now)
    {
        if (Origin != ObservationOrigin.Metric)
        {
            throw new InvalidOperationException("Only an automatic figure is updated in place; a manual one is corrected by another.");
        }

        if (value == Value && note == Note)
        {
            return false;
        }

        Value = value;
        Note = note;
        RecordedAt = now;
        return true;
    }

    /// <summary>The largest magnitude a value may have: the column holds 20 digits, 4 of them after the point.</summary>
    public const decimal MaxValue = 9_999_999_999_999_999.9999m;

    public long Id { get; private set; }

    /// <summary>The indicator's row id and the year; the audit record's fields name the rest.</summary>
    public string AuditKey => $"indicator {IndicatorId}/{Year}";
    public long IndicatorId { get; private set; }
    public int Year { get; private set; }
    public decimal Value { get; private set; }
    public ObservationOrigin Origin { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string? RecordedBy { get; private set; }
    public string? Note { get; private set; }

    /// <summary>Where a manual figure comes from, as its reporter names it (e.g. 2021年东丽区统计公报).</summary>
    public string? Source { get; private init; }
    public ApprovalStatus Status { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? UnapprovedBy { get; private set; }
    public DateTimeOffset? UnapprovedAt { get; private set; }
    public string? UnapprovalReason { get; private set; }
}

public static class ObservationErrors
{
    public const string FigureLocked = "figureLocked";
    public const string InvalidApprovalTransition = "invalidApprovalTransition";
}
