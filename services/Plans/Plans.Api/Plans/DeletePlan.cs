using System.Security.Claims;
using Mediator;
using Plans.Api.Common;
using Plans.Api.Data;

namespace Plans.Api.Plans;

/// <summary>Deletes a draft plan with its indicators and tasks.</summary>
public sealed record DeletePlan(string Code, long? ExpectedVersion, ClaimsPrincipal Caller) : ICommand;

internal sealed class DeletePlanHandler(PlansDbContext db) : ICommandHandler<DeletePlan>
{
    public async ValueTask<Unit> Handle(DeletePlan command, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, command.Code, command.Caller, Access.Write, ct);
        db.Expect(plan, command.ExpectedVersion);
        plan.EnsureDeletable();
        db.Plans.Remove(plan);
        return Unit.Value;
    }
}
