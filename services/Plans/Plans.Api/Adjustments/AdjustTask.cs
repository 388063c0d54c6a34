using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Indicators;
using Plans.Api.Plans;
using SharedKernel.Time;

namespace Plans.Api.Adjustments;

/// <summary>An adjustment of a published plan's key task: the fields that change (others stay), and its authority.</summary>
/// <param name="Title">The new heading, where it changes.</param>
/// <param name="Description">The new description, where it changes.</param>
/// <param name="LeadUnits">The new lead units (牵头单位), where they change.</param>
/// <param name="ResponsibleUnits">The new responsible units (责任单位), where they change.</param>
/// <param name="DueYear">The new due year, within the plan's period, where it changes.</param>
/// <param name="Reason">Why the task changes (required).</param>
/// <param name="DocumentNumber">The number of the approving document (required).</param>
/// <param name="ApprovedOn">The approving document's date.</param>
/// <param name="AdjustedOn">The day the change takes effect: on or after the approval, not later than today, within the plan's period.</param>
public sealed record AdjustTaskRequest(string? Title, string? Description, [property: MaxLength(50)] IReadOnlyList<string>? LeadUnits,
    [property: MaxLength(50)] IReadOnlyList<string>? ResponsibleUnits, int? DueYear, string? Reason, string? DocumentNumber,
    DateOnly? ApprovedOn, DateOnly? AdjustedOn);

/// <summary>An adjustment of a key task.</summary>
public sealed record TaskAdjustmentResponse(long Id, string PlanCode, string TaskCode, TaskChanges Changes, string Reason,
    string DocumentNumber, DateOnly ApprovedOn, DateOnly AdjustedOn, DateTimeOffset RecordedAt, string? RecordedBy)
{
    public static TaskAdjustmentResponse From(TaskAdjustment a) => new(a.Id, a.PlanCode, a.TaskCode,
        new TaskChanges(TaskWording.From(a.Before), TaskWording.From(a.After)), a.Reason, a.DocumentNumber, a.ApprovedOn,
        a.AdjustedOn, a.RecordedAt, a.RecordedBy);
}

/// <summary>What a task read before and after an adjustment.</summary>
public sealed record TaskChanges(TaskWording Before, TaskWording After);

/// <summary>A task's wording, units and due year.</summary>
public sealed record TaskWording(string Title, string? Description, IReadOnlyList<string> LeadUnits, IReadOnlyList<string> ResponsibleUnits,
    int? DueYear)
{
    public static TaskWording From(TaskDefinition d) => new(d.Title, d.Description, d.LeadUnits, d.ResponsibleUnits, d.DueYear);
}

/// <summary>A task as the document printed it, as it stands, and every adjustment in between.</summary>
/// <param name="Adjustments">Every adjustment, oldest first (at most 100: see tooManyAdjustments).</param>
public sealed record TaskAdjustmentHistoryResponse(string PlanCode, string TaskCode, TaskWording Original, TaskWording Current,
    [property: MaxLength(AdjustmentErrors.MaxPerItem)] IReadOnlyList<TaskAdjustmentResponse> Adjustments);

/// <summary>Adjusts a published plan's key task on the authority of an approving document.</summary>
public sealed record AdjustTask(string PlanCode, string TaskCode, AdjustTaskRequest Request, ClaimsPrincipal Caller)
    : ICommand<TaskAdjustmentResponse>;

internal sealed class AdjustTaskValidator : AbstractValidator<AdjustTask>
{
    public AdjustTaskValidator(PlansDbContext db, TimeProvider clock)
    {
        RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(2000).OverridePropertyName("reason")
            .WithMessage("An adjustment states its reason.");
        RuleFor(c => c.Request.DocumentNumber).NotEmpty().MaximumLength(100).OverridePropertyName("documentNumber")
            .WithMessage("An adjustment names the number of the document approving it.");
        RuleFor(c => c.Request.ApprovedOn).NotNull().OverridePropertyName("approvedOn");
        RuleFor(c => c.Request.AdjustedOn).NotNull().OverridePropertyName("adjustedOn");
        RuleFor(c => c.Request.AdjustedOn).GreaterThanOrEqualTo(c => c.Request.ApprovedOn).OverridePropertyName("adjustedOn")
            .When(c => c.Request.ApprovedOn is not null && c.Request.AdjustedOn is not null)
            .WithMessage("An adjustment takes effect on or after the date of the document approving it.");
        RuleFor(c => c.Request.AdjustedOn).Must(on => on <= clock.Today()).OverridePropertyName("adjustedOn")
            .When(c => c.Request.AdjustedOn is not null)
            .WithMessage("A task is adjusted as it stands: record the adjustment once it has taken effect.");
        RuleFor(c => c.Request.Title).NotEmpty().MaximumLength(500).OverridePropertyName("title").When(c => c.Request.Title is not null);
        RuleFor(c => c.Request.Description).MaximumLength(4000).OverridePropertyName("description");
        RuleForEach(c => c.Request.LeadUnits).NotEmpty().MaximumLength(200).OverridePropertyName("leadUnits");
        RuleForEach(c => c.Request.ResponsibleUnits).NotEmpty().MaximumLength(200).OverridePropertyName("responsibleUnits");
        RuleFor(c => c).CustomAsync(async (command, context, ct) =>
        {
            if (await PlanPeriod.OfAsync(db, command.PlanCode, ct) is not { } period)
            {
                return;
            }

            if (command.Request.DueYear is { } due && !period.Contains(due))
            {
                context.AddFailure("dueYear", $"The plan runs from {period.Start} to {period.End}; a task is due within it.");
            }

            if (command.Request.AdjustedOn is { } on && !period.Contains(on.Year))
            {
                context.AddFailure("adjustedOn", $"The plan runs from {period.Start} to {period.End}; an adjustment takes effect within it.");
            }
        });
    }
}

internal sealed class AdjustTaskHandler(PlansDbContext db, TimeProvider clock) : ICommandHandler<AdjustTask, TaskAdjustmentResponse>
{
    public async ValueTask<TaskAdjustmentResponse> Handle(AdjustTask command, CancellationToken ct)
    {
        var (plan, task) = await PlanLookup.FindTaskAsync(db, command.PlanCode, command.TaskCode, command.Caller, Access.Write, ct);
        var r = command.Request;
        var current = task.Definition;
        var after = new TaskDefinition(r.Title?.Trim() ?? current.Title, r.Description ?? current.Description,
            r.LeadUnits?.Select(u => u.Trim()).Distinct().ToList() ?? current.LeadUnits,
            r.ResponsibleUnits?.Select(u => u.Trim()).Distinct().ToList() ?? current.ResponsibleUnits, r.DueYear ?? current.DueYear);
        var earlier = await db.TaskAdjustments.CountAsync(a => a.TaskId == task.Id, ct);
        var adjustment = TaskAdjustment.Adjust(plan, task, earlier, after, r.Reason!.Trim(), r.DocumentNumber!.Trim(), r.ApprovedOn!.Value,
            r.AdjustedOn!.Value, command.Caller.FindFirst("client_id")?.Value, clock.GetUtcNow());
        db.TaskAdjustments.Add(adjustment);
        // The answer names the adjustment's id, which the database assigns.
        await db.SaveChangesAsync(ct);
        return TaskAdjustmentResponse.From(adjustment);
    }
}

/// <summary>A task's adjustment history.</summary>
public sealed record GetTaskAdjustments(string PlanCode, string TaskCode, ClaimsPrincipal Caller) : IQuery<TaskAdjustmentHistoryResponse>;

internal sealed class GetTaskAdjustmentsHandler(PlansDbContext db) : IQueryHandler<GetTaskAdjustments, TaskAdjustmentHistoryResponse>
{
    public async ValueTask<TaskAdjustmentHistoryResponse> Handle(GetTaskAdjustments query, CancellationToken ct)
    {
        var (_, task) = await PlanLookup.FindTaskAsync(db, query.PlanCode, query.TaskCode, query.Caller, Access.Read, ct);
        var adjustments = await db.TaskAdjustments.AsNoTracking().Where(a => a.TaskId == task.Id)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var original = adjustments.Count > 0 ? adjustments[0].Before : task.Definition;
        return new TaskAdjustmentHistoryResponse(task.PlanCode, task.Code, TaskWording.From(original), TaskWording.From(task.Definition),
            adjustments.Select(TaskAdjustmentResponse.From).ToList());
    }
}
