using Persistence.Audit;
using SharedKernel.Errors;

namespace Plans.Api.Domain;

/// <summary>
/// A change of a published plan's key task (动态调整: its wording, units or due year), approved by a
/// document. Unlike targets, which progress reckons with as of a date, a task is as it stands: the
/// adjustment applies when recorded, on or after the date it takes effect, and keeps what it replaced.
/// </summary>
public sealed class TaskAdjustment : IAuditedResource
{
    private TaskAdjustment()
    {
    }

    private TaskAdjustment(KeyTask task, TaskDefinition before, TaskDefinition after, string reason, string documentNumber,
        DateOnly approvedOn, DateOnly adjustedOn, string? recordedBy, DateTimeOffset now)
    {
        TaskId = task.Id;
        PlanCode = task.PlanCode;
        TaskCode = task.Code;
        Before = before;
        After = after;
        Reason = reason;
        DocumentNumber = documentNumber;
        ApprovedOn = approvedOn;
        AdjustedOn = adjustedOn;
        RecordedBy = recordedBy;
        RecordedAt = now;
    }

    /// <summary>Adjusts a task of a published plan; a draft's tasks are edited directly, an archived plan's not at all.</summary>
    public static TaskAdjustment Adjust(Plan plan, KeyTask task, int earlier, TaskDefinition after, string reason, string documentNumber,
        DateOnly approvedOn, DateOnly adjustedOn, string? recordedBy, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        if (plan.Status != PlanStatus.Published)
        {
            throw new ConflictException(AdjustmentErrors.PlanNotPublished,
                $"Plan '{plan.Code}' is a draft: its tasks are edited directly (PATCH); adjustments change a published plan's.");
        }

        AdjustmentErrors.EnsureRoomFor($"Task '{task.Code}'", earlier);
        var before = task.Definition;
        if (before.SameAs(after))
        {
            throw new RuleViolationException("task", "The task already reads so; an adjustment changes it.");
        }

        task.Adjust(after, now);
        return new TaskAdjustment(task, before, after, reason, documentNumber, approvedOn, adjustedOn, recordedBy, now);
    }

    public long Id { get; private set; }
    public string AuditKey => $"{PlanCode}/{TaskCode}/adjustment {AdjustedOn:yyyy-MM-dd}";
    public long TaskId { get; private set; }
    public string PlanCode { get; private set; } = null!;
    public string TaskCode { get; private set; } = null!;
    public TaskDefinition Before { get; private set; } = null!;
    public TaskDefinition After { get; private set; } = null!;
    public string Reason { get; private set; } = null!;
    public string DocumentNumber { get; private set; } = null!;
    public DateOnly ApprovedOn { get; private set; }
    public DateOnly AdjustedOn { get; private set; }
    public string? RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
}
