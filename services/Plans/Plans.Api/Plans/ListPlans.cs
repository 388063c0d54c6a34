using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Regions;
using ServiceDefaults.Auth;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Plans.Api.Plans;

/// <summary>Plans filtered and paged. Anonymous callers and clients without plans.read see published and archived plans only.</summary>
public sealed record ListPlans(string? RegionCode, string? Level, string? Status, string? Kind, string? Q, ListQuery List,
    ClaimsPrincipal Caller) : IQuery<CursorPage<PlanResponse>>, IListQuery
{
    public PageQuery Paging => List.Paging;

    internal static readonly Sorting<Plan> Sorting = new("code", new Dictionary<string, System.Linq.Expressions.Expression<Func<Plan, object?>>>
    {
        ["code"] = p => p.Code,
        ["title"] = p => p.Details.Title,
        ["periodStart"] = p => p.Details.PeriodStart,
        ["issuedOn"] = p => p.Details.IssuedOn,
        ["createdAt"] = p => p.CreatedAt,
        ["updatedAt"] = p => p.UpdatedAt,
    });

    internal static readonly Keyset<Plan> Keyset = new(Sorting.Fields, "code");

    public static ListPlans From(PlanFilter filter, ListQuery paging, ClaimsPrincipal caller) =>
        new(filter.RegionCode, filter.Level, filter.Status, filter.Kind, filter.Q, paging, caller);
}

internal sealed class ListPlansValidator : AbstractValidator<ListPlans>
{
    public ListPlansValidator()
    {
        RuleFor(q => q.Level).IsNameOf(typeof(PlanLevel));
        RuleFor(q => q.Status).IsNameOf(typeof(PlanStatus));
        RuleFor(q => q.Kind).IsNameOf(typeof(PlanKind));
        Include(new PagingRules<ListPlans>(ListPlans.Sorting.Names));
    }
}

internal sealed class ListPlansHandler(PlansDbContext db) : IQueryHandler<ListPlans, CursorPage<PlanResponse>>
{
    public async ValueTask<CursorPage<PlanResponse>> Handle(ListPlans filter, CancellationToken ct)
    {
        var level = EnumFilter.Parse<PlanLevel>(filter.Level);
        var status = EnumFilter.Parse<PlanStatus>(filter.Status);
        var kind = EnumFilter.Parse<PlanKind>(filter.Kind);
        var user = filter.Caller;
        var query = db.Plans.AsNoTracking();
        if (!user.HasScope(Scopes.PlansRead))
        {
            query = query.Where(p => p.Status != PlanStatus.Draft);
        }
        else if (!user.HasScope(Scopes.Admin) && user.Region() is { } region)
        {
            var within = RegionCatalog.Within(region);
            query = query.Where(p => p.Status != PlanStatus.Draft || within.Contains(p.Details.RegionCode));
        }

        if (!string.IsNullOrWhiteSpace(filter.RegionCode))
        {
            query = query.Where(p => p.Details.RegionCode == filter.RegionCode);
        }

        if (level is not null)
        {
            query = query.Where(p => p.Details.Level == level);
        }

        if (status is not null)
        {
            query = query.Where(p => p.Status == status);
        }

        if (kind is not null)
        {
            query = query.Where(p => p.Details.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var words = filter.Q.Trim().ToLower();
            query = query.Where(p => p.Details.Title.ToLower().Contains(words)
                || (p.Details.TitleEn != null && p.Details.TitleEn.ToLower().Contains(words)));
        }

        // The caller's view of drafts is a filter too: a cursor read with plans.read is not one for an anonymous caller.
        var scope = Cursors.Scope(filter.RegionCode, level?.ToString(), status?.ToString(), kind?.ToString(), filter.Q?.Trim().ToLower(),
            !user.HasScope(Scopes.PlansRead) ? "public" : user.HasScope(Scopes.Admin) ? "all" : user.Region());
        return await query.ToCursorPageAsync(db.Database, ListPlans.Keyset, filter.List, scope, PlanResponse.From, ct);
    }
}
