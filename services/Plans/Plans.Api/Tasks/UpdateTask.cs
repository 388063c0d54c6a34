using System.Security.Claims;
using FluentValidation;
using Mediator;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Plans;

namespace Plans.Api.Tasks;

/// <summary>
/// Replaces a key task's fields: the PATCH endpoint's merge patch applied to the task as read. Once
/// the plan is published only the progress (status, progressNote) may differ.
/// </summary>
public sealed record UpdateTask : TaskFields, ICommand<Versioned<TaskResponse>>
{
    public UpdateTask(string planCode, string taskCode, TaskFields fields, long? expectedVersion, ClaimsPrincipal caller) : base(fields)
    {
        PlanCode = planCode;
        TaskCode = taskCode;
        ExpectedVersion = expectedVersion;
        Caller = caller;
    }

    public string PlanCode { get; }
    public string TaskCode { get; }
    public long? ExpectedVersion { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class UpdateTaskValidator : AbstractValidator<UpdateTask>
{
    public UpdateTaskValidator() => Include(new TaskFieldsRules<UpdateTask>());
}

internal sealed class UpdateTaskHandler(PlansDbContext db, TimeProvider clock) : ICommandHandler<UpdateTask, Versioned<TaskResponse>>
{
    public async ValueTask<Versioned<TaskResponse>> Handle(UpdateTask command, CancellationToken ct)
    {
        var (plan, task) = await PlanLookup.FindTaskAsync(db, command.PlanCode, command.TaskCode, command.Caller, Access.Report, ct);
        db.Expect(task, command.ExpectedVersion);
        task.Update(plan, command.ToDefinition(), command.ToProgress(), clock.GetUtcNow());
        return new(TaskResponse.From(task), task.Version);
    }
}
