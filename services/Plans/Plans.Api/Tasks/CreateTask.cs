using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using SharedKernel.Errors;

namespace Plans.Api.Tasks;

/// <summary>Adds a key task to a draft plan: the API's POST, and the seed loader's for each task of a new plan.</summary>
public sealed record CreateTask : CreateTaskRequest, ICommand<Versioned<TaskResponse>>
{
    public CreateTask(string planCode, CreateTaskRequest request, ClaimsPrincipal caller) : base(request)
    {
        PlanCode = planCode;
        Caller = caller;
    }

    public string PlanCode { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class CreateTaskValidator : AbstractValidator<CreateTask>
{
    public CreateTaskValidator() => Include(new CreateTaskRules<CreateTask>());
}

internal sealed class CreateTaskHandler(PlansDbContext db, TimeProvider clock) : ICommandHandler<CreateTask, Versioned<TaskResponse>>
{
    public async ValueTask<Versioned<TaskResponse>> Handle(CreateTask command, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, command.PlanCode, command.Caller, Access.Write, ct);
        var task = KeyTask.Create(plan, command.Code!, command.ToDefinition(), command.ToProgress(), clock.GetUtcNow());
        if (await db.Tasks.AnyAsync(t => t.PlanCode == plan.Code && t.Code == task.Code, ct))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, $"Plan '{plan.Code}' already has a task '{task.Code}'.");
        }

        db.Tasks.Add(task);
        return new(TaskResponse.From(task), task.Version);
    }
}
