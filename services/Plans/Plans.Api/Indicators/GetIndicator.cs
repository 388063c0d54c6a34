using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using ServiceDefaults.Paging;

namespace Plans.Api.Indicators;

/// <summary>An indicator, as the caller may read it, or (<see cref="Access.Write"/>) as it may change it.</summary>
public sealed record GetIndicator(string PlanCode, string IndicatorCode, ClaimsPrincipal Caller, Access Access = Access.Read)
    : IQuery<Versioned<IndicatorResponse>>;

internal sealed class GetIndicatorHandler(PlansDbContext db) : IQueryHandler<GetIndicator, Versioned<IndicatorResponse>>
{
    public async ValueTask<Versioned<IndicatorResponse>> Handle(GetIndicator query, CancellationToken ct)
    {
        var (_, indicator) = await PlanLookup.FindIndicatorAsync(db, query.PlanCode, query.IndicatorCode, query.Caller, query.Access, ct);
        return new(IndicatorResponse.From(indicator), indicator.Version);
    }
}

/// <summary>A plan's indicators, paged.</summary>
public sealed record ListIndicators(string PlanCode, PageQuery Paging, ClaimsPrincipal Caller)
    : IQuery<PagedList<IndicatorResponse>>, IListQuery
{
    internal static readonly Sorting<Indicator> Sorting = new("code", new Dictionary<string, System.Linq.Expressions.Expression<Func<Indicator, object?>>>
    {
        ["code"] = i => i.Code,
        ["name"] = i => i.Definition.Name,
        ["createdAt"] = i => i.CreatedAt,
    });
}

internal sealed class ListIndicatorsValidator : AbstractValidator<ListIndicators>
{
    public ListIndicatorsValidator() => Include(new PagingRules<ListIndicators>(ListIndicators.Sorting.Names));
}

internal sealed class ListIndicatorsHandler(PlansDbContext db) : IQueryHandler<ListIndicators, PagedList<IndicatorResponse>>
{
    public async ValueTask<PagedList<IndicatorResponse>> Handle(ListIndicators query, CancellationToken ct)
    {
        await PlanLookup.FindAsync(db, query.PlanCode, query.Caller, Access.Read, ct);
        return await db.Indicators.AsNoTracking().Where(i => i.PlanCode == query.PlanCode)
            .ToPagedListAsync(query.Paging, ListIndicators.Sorting.Fields, IndicatorResponse.From, ct);
    }
}
