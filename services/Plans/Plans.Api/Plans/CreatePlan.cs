using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;
using SharedKernel.Errors;

namespace Plans.Api.Plans;

/// <summary>Creates a draft plan: the API's POST, and the seed loader's first step for a plan it has not seeded yet.</summary>
public sealed record CreatePlan : CreatePlanRequest, ICommand<Versioned<PlanResponse>>
{
    public CreatePlan(CreatePlanRequest request, ClaimsPrincipal caller) : base(request) => Caller = caller;

    public ClaimsPrincipal Caller { get; }
}

internal sealed class CreatePlanValidator : AbstractValidator<CreatePlan>
{
    public CreatePlanValidator(PlansDbContext db) => Include(new CreatePlanRules<CreatePlan>(db));
}

internal sealed class CreatePlanHandler(PlansDbContext db, TimeProvider clock) : ICommandHandler<CreatePlan, Versioned<PlanResponse>>
{
    public async ValueTask<Versioned<PlanResponse>> Handle(CreatePlan command, CancellationToken ct)
    {
        PlanLookup.EnsureWritable(command.Caller, command.RegionCode!);
        if (await db.Plans.AnyAsync(p => p.Code == command.Code, ct))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, $"Plan '{command.Code}' already exists.");
        }

        var plan = new Plan(command.Code!, command.ToDetails(), clock.GetUtcNow());
        db.Plans.Add(plan);
        return new(PlanResponse.From(plan), plan.Version);
    }
}
