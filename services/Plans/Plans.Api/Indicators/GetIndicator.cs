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

/// <summary>Filters of a plan's indicator list.</summary>
/// <param name="Nature">binding (约束性) or expected (预期性).</param>
/// <param name="MunicipalOutlineIndicator">true: only those marked 市规划纲要指标; false: only those not marked.</param>
/// <param name="MunicipalPerformanceIndicator">true: only those marked 市绩效考核指标; false: only those not marked.</param>
public sealed record IndicatorFilter(string? Nature, bool? MunicipalOutlineIndicator, bool? MunicipalPerformanceIndicator);

/// <summary>A plan's indicators, filtered and paged.</summary>
public sealed record ListIndicators(string PlanCode, IndicatorFilter Filter, ListQuery List, ClaimsPrincipal Caller)
    : IQuery<CursorPage<IndicatorResponse>>, IListQuery
{
    public PageQuery Paging => List.Paging;

    internal static readonly Sorting<Indicator> Sorting = new("code", new Dictionary<string, System.Linq.Expressions.Expression<Func<Indicator, object?>>>
    {
        ["code"] = i => i.Code,
        ["name"] = i => i.Definition.Name,
        ["createdAt"] = i => i.CreatedAt,
    });

    /// <summary>Codes are unique within a plan, and the list is of one plan.</summary>
    internal static readonly Keyset<Indicator> Keyset = new(Sorting.Fields, "code");
}

internal sealed class ListIndicatorsValidator : AbstractValidator<ListIndicators>
{
    public ListIndicatorsValidator()
    {
        RuleFor(q => q.Filter.Nature).IsNameOf(typeof(IndicatorNature)).OverridePropertyName("nature");
        Include(new PagingRules<ListIndicators>(ListIndicators.Sorting.Names));
    }
}

internal sealed class ListIndicatorsHandler(PlansDbContext db) : IQueryHandler<ListIndicators, CursorPage<IndicatorResponse>>
{
    public async ValueTask<CursorPage<IndicatorResponse>> Handle(ListIndicators query, CancellationToken ct)
    {
        await PlanLookup.FindAsync(db, query.PlanCode, query.Caller, Access.Read, ct);
        var indicators = db.Indicators.AsNoTracking().Where(i => i.PlanCode == query.PlanCode);
        if (EnumFilter.Parse<IndicatorNature>(query.Filter.Nature) is { } nature)
        {
            indicators = indicators.Where(i => i.Definition.Nature == nature);
        }

        if (query.Filter.MunicipalOutlineIndicator is { } outline)
        {
            indicators = indicators.Where(i => i.Definition.MunicipalOutline == outline);
        }

        if (query.Filter.MunicipalPerformanceIndicator is { } performance)
        {
            indicators = indicators.Where(i => i.Definition.MunicipalPerformance == performance);
        }

        var scope = Cursors.Scope(query.PlanCode, EnumFilter.Parse<IndicatorNature>(query.Filter.Nature)?.ToString(),
            query.Filter.MunicipalOutlineIndicator?.ToString(), query.Filter.MunicipalPerformanceIndicator?.ToString());
        return await indicators.ToCursorPageAsync(db.Database, ListIndicators.Keyset, query.List, scope, IndicatorResponse.From, ct);
    }
}
