using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Common;
using Plans.Api.Data;
using SharedKernel.Errors;

namespace Plans.Api.Plans;

/// <summary>
/// A plan, as the caller may read it, or (<see cref="Access.Write"/>) as it may change it: the
/// version an update, a status change or a delete starts from.
/// </summary>
public sealed record GetPlan(string Code, ClaimsPrincipal Caller, Access Access = Access.Read) : IQuery<Versioned<PlanResponse>>;

internal sealed class GetPlanHandler(PlansDbContext db) : IQueryHandler<GetPlan, Versioned<PlanResponse>>
{
    public async ValueTask<Versioned<PlanResponse>> Handle(GetPlan query, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, query.Code, query.Caller, query.Access, ct);
        return new(PlanResponse.From(plan), plan.Version);
    }
}

/// <summary>The full text of a plan's source document.</summary>
public sealed record GetPlanDocument(string Code, ClaimsPrincipal Caller) : IQuery<string>;

internal sealed class GetPlanDocumentHandler(PlansDbContext db) : IQueryHandler<GetPlanDocument, string>
{
    public async ValueTask<string> Handle(GetPlanDocument query, CancellationToken ct)
    {
        await PlanLookup.FindAsync(db, query.Code, query.Caller, Access.Read, ct);
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.PlanCode == query.Code, ct)
            ?? throw new NotFoundException("Source document of plan", query.Code);
        return document.Text;
    }
}
