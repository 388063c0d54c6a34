using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Common;
using Plans.Api.Data;

namespace Plans.Api.Plans;

/// <summary>
/// Replaces a draft plan's fields: the PATCH endpoint's merge patch applied to the plan as read.
/// </summary>
/// <remarks>The plan must still have <see cref="ExpectedVersion"/>, the version the caller's If-Match was checked against.</remarks>
public sealed record UpdatePlan : PlanFields, ICommand<Versioned<PlanResponse>>
{
    public UpdatePlan(string code, PlanFields fields, long? expectedVersion, ClaimsPrincipal caller) : base(fields)
    {
        Code = code;
        ExpectedVersion = expectedVersion;
        Caller = caller;
    }

    public string Code { get; }
    public long? ExpectedVersion { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class UpdatePlanValidator : AbstractValidator<UpdatePlan>
{
    public UpdatePlanValidator(PlansDbContext db) => Include(new PlanFieldsRules<UpdatePlan>(db));
}

internal sealed class UpdatePlanHandler(PlansDbContext db, TimeProvider clock) : ICommandHandler<UpdatePlan, Versioned<PlanResponse>>
{
    public async ValueTask<Versioned<PlanResponse>> Handle(UpdatePlan command, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, command.Code, command.Caller, Access.Write, ct);
        db.Expect(plan, command.ExpectedVersion);
        // The caller must be allowed to write in the region the plan moves to, not only in the one it leaves.
        PlanLookup.EnsureWritable(command.Caller, command.RegionCode!);
        plan.Update(command.ToDetails(), await LineageAsync(command.ParentPlanCode, ct), clock.GetUtcNow());
        return new(PlanResponse.From(plan), plan.Version);
    }

    /// <summary>The codes of a plan and of every plan above it, stopping where a chain already loops.</summary>
    private async Task<IReadOnlyList<string>> LineageAsync(string? code, CancellationToken ct)
    {
        var lineage = new List<string>();
        for (var current = code; current is not null && !lineage.Contains(current);)
        {
            lineage.Add(current);
            current = await db.Plans.Where(p => p.Code == current).Select(p => p.Details.ParentPlanCode).SingleOrDefaultAsync(ct);
        }

        return lineage;
    }
}
