using System.Security.Claims;
using Mediator;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;

namespace Plans.Api.Plans;

/// <summary>Publishes a draft plan: its text, indicators and tasks are fixed from then on.</summary>
public sealed record PublishPlan(string Code, long? ExpectedVersion, ClaimsPrincipal Caller) : ICommand<Versioned<PlanResponse>>;

/// <summary>Archives a plan: it takes no change of any kind from then on.</summary>
public sealed record ArchivePlan(string Code, long? ExpectedVersion, ClaimsPrincipal Caller) : ICommand<Versioned<PlanResponse>>;

internal sealed class ChangePlanStatusHandler(PlansDbContext db, TimeProvider clock) :
    ICommandHandler<PublishPlan, Versioned<PlanResponse>>,
    ICommandHandler<ArchivePlan, Versioned<PlanResponse>>
{
    public ValueTask<Versioned<PlanResponse>> Handle(PublishPlan command, CancellationToken ct) =>
        ChangeAsync(command.Code, command.ExpectedVersion, command.Caller, plan => plan.Publish(clock.GetUtcNow()), ct);

    public ValueTask<Versioned<PlanResponse>> Handle(ArchivePlan command, CancellationToken ct) =>
        ChangeAsync(command.Code, command.ExpectedVersion, command.Caller, plan => plan.Archive(clock.GetUtcNow()), ct);

    private async ValueTask<Versioned<PlanResponse>> ChangeAsync(string code, long? expectedVersion, ClaimsPrincipal caller,
        Action<Plan> transition, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, code, caller, Access.Write, ct);
        db.Expect(plan, expectedVersion);
        transition(plan);
        return new(PlanResponse.From(plan), plan.Version);
    }
}
