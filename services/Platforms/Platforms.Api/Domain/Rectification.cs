using Persistence.Audit;
using SharedKernel.Errors;

namespace Platforms.Api.Domain;

/// <summary>open → completed (rectified in time, or a passing evaluation), failed (failed again) or overdue (not rectified by its due date).</summary>
public enum RectificationStatus
{
    Open,
    Completed,
    Failed,
    Overdue,
}

/// <summary>The rectification (整改) a failing evaluation opens, due within the type's rectification period.</summary>
public sealed class Rectification : IAuditedResource
{
    private Rectification()
    {
    }

    internal Rectification(Guid platformId, int evaluationYear, DateOnly openedOn, DateOnly dueOn)
    {
        PlatformId = platformId;
        EvaluationYear = evaluationYear;
        OpenedOn = openedOn;
        DueOn = dueOn;
        Status = RectificationStatus.Open;
    }

    public long Id { get; private set; }
    public Guid PlatformId { get; private set; }

    /// <summary>The year of the failing evaluation that opened it.</summary>
    public int EvaluationYear { get; private set; }

    public DateOnly OpenedOn { get; private set; }

    /// <summary>The last day to complete it.</summary>
    public DateOnly DueOn { get; private set; }

    public RectificationStatus Status { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string? Note { get; private set; }

    public string AuditKey => $"{PlatformId}/rectifications/{EvaluationYear}";

    /// <summary>The authority accepted the rectification (整改验收) on <paramref name="on"/>, by its due date.</summary>
    public void Complete(DateOnly on, string? note, DateOnly today)
    {
        EnsureOpen();
        var problem = on > today ? "'completedOn' must not be in the future."
            : on < OpenedOn ? $"'completedOn' must not be before the rectification opened ({OpenedOn:yyyy-MM-dd})."
            : on > DueOn ? $"The rectification was due by {DueOn:yyyy-MM-dd}; completed later it is overdue, which proposes revocation."
            : null;
        if (problem is not null)
        {
            throw new RuleViolationException("completedOn", problem);
        }

        Close(RectificationStatus.Completed, on, note);
    }

    /// <summary>A passing evaluation closes it as completed.</summary>
    internal void CompleteByEvaluation(int year, DateOnly on) =>
        Close(RectificationStatus.Completed, on, $"Passed the {year} evaluation.");

    /// <summary>A second failing evaluation closes it as failed.</summary>
    internal void FailByEvaluation(int year, DateOnly on) => Close(RectificationStatus.Failed, on, $"Failed the {year} evaluation again.");

    /// <summary>Past its due date and still open: overdue as of the day after it was due.</summary>
    internal bool ExpireIfOverdue(DateOnly today)
    {
        if (Status != RectificationStatus.Open || DueOn >= today)
        {
            return false;
        }

        Close(RectificationStatus.Overdue, DueOn.AddDays(1), "Not rectified by its due date.");
        return true;
    }

    private void EnsureOpen()
    {
        if (Status != RectificationStatus.Open)
        {
            throw new ConflictException(PlatformErrors.RectificationClosed,
                $"The rectification of the {EvaluationYear} evaluation is {Lifecycle.Name(Status)}; only an open one can be completed.");
        }
    }

    private void Close(RectificationStatus status, DateOnly on, string? note)
    {
        Status = status;
        ClosedOn = on;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}
