using System.ComponentModel.DataAnnotations;
using Plans.Api.Domain;

namespace Plans.Api.Tasks;

/// <summary>The fields of a key task a caller sets; the body of PATCH (as a merge patch) and, with <c>code</c>, of POST.</summary>
public record TaskFields
{
    /// <summary>The task's heading as printed.</summary>
    public string? Title { get; init; }
    public string? Description { get; init; }
    /// <summary>牵头单位: the units that lead the task.</summary>
    [MaxLength(50)]
    public IReadOnlyList<string>? LeadUnits { get; init; }
    /// <summary>责任单位: the units responsible with them.</summary>
    [MaxLength(50)]
    public IReadOnlyList<string>? ResponsibleUnits { get; init; }
    public int? DueYear { get; init; }
    /// <summary>notStarted (default), inProgress, completed or delayed.</summary>
    public KeyTaskStatus? Status { get; init; }
    public string? ProgressNote { get; init; }

    public TaskDefinition ToDefinition() => new(Title!.Trim(), Description, Clean(LeadUnits), Clean(ResponsibleUnits), DueYear);

    public TaskProgress ToProgress() => new(Status ?? KeyTaskStatus.NotStarted, ProgressNote);

    /// <summary>The fields of a task as read, for a merge patch to apply to.</summary>
    public static TaskFields From(TaskResponse task) => new()
    {
        Title = task.Title,
        Description = task.Description,
        LeadUnits = task.LeadUnits,
        ResponsibleUnits = task.ResponsibleUnits,
        DueYear = task.DueYear,
        Status = task.Status,
        ProgressNote = task.ProgressNote,
    };

    private static IReadOnlyList<string> Clean(IReadOnlyList<string>? units) =>
        (units ?? []).Select(u => u.Trim()).Distinct().ToList();
}

/// <summary>A new key task of a draft plan.</summary>
public record CreateTaskRequest : TaskFields
{
    /// <summary>The task's numbering in the document, e.g. 三.(二).4.</summary>
    public string? Code { get; init; }
}

/// <summary>A key task.</summary>
public sealed record TaskResponse(
    string PlanCode,
    string Code,
    string Title,
    string? Description,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> ResponsibleUnits,
    int? DueYear,
    KeyTaskStatus Status,
    string? ProgressNote,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TaskResponse From(KeyTask t) => new(t.PlanCode, t.Code, t.Title, t.Description, t.LeadUnits,
        t.ResponsibleUnits, t.DueYear, t.Progress.Status, t.Progress.Note, t.CreatedAt, t.UpdatedAt);
}

/// <summary>Filters of a plan's task list.</summary>
/// <param name="Unit">Tasks this unit leads or is responsible for (exact name, e.g. 区科技局).</param>
/// <param name="Status">notStarted, inProgress, completed or delayed.</param>
public sealed record TaskFilter(string? Unit, string? Status);
