using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Plans.Api.Common;
using Plans.Api.Domain;
using ServiceDefaults.Paging;
using SharedKernel.Errors;
using SharedKernel.Regions;

namespace Plans.Api.Regions;

/// <summary>A node of the region tree.</summary>
/// <param name="Code">GB/T 2260 code for the municipality and districts; 12Znn for functional zones.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Kind">municipality, district or functionalZone.</param>
/// <param name="ParentCode">The region above; null for the municipality.</param>
public sealed record RegionResponse(string Code, string Name, string NameEn, RegionKind Kind, string? ParentCode)
{
    public static RegionResponse From(Region r) => new(r.Code, r.Name, r.NameEn, r.Kind, r.ParentCode);
}

/// <summary>Filters of the region list.</summary>
/// <param name="Kind">municipality, district or functionalZone.</param>
/// <param name="ParentCode">Only the regions directly below this one.</param>
public sealed record RegionFilter(string? Kind, string? ParentCode);

/// <summary>The regions, by kind and parent.</summary>
public sealed record ListRegions(string? Kind, string? ParentCode, PageQuery Paging) : IQuery<PagedList<RegionResponse>>, IListQuery
{
    internal static readonly Sorting<Region> Sorting = new("code", new Dictionary<string, System.Linq.Expressions.Expression<Func<Region, object?>>>
    {
        ["code"] = r => r.Code,
        ["name"] = r => r.Name,
    });
}

internal sealed class ListRegionsValidator : AbstractValidator<ListRegions>
{
    public ListRegionsValidator()
    {
        RuleFor(q => q.Kind).IsNameOf(typeof(RegionKind));
        Include(new PagingRules<ListRegions>(ListRegions.Sorting.Names));
    }
}

/// <summary>The region tree is fixed in code (<see cref="RegionCatalog"/>): reading it needs no database.</summary>
internal sealed class ListRegionsHandler : IQueryHandler<ListRegions, PagedList<RegionResponse>>
{
    public ValueTask<PagedList<RegionResponse>> Handle(ListRegions filter, CancellationToken ct)
    {
        var kind = EnumFilter.Parse<RegionKind>(filter.Kind);
        var matches = RegionCatalog.All
            .Where(r => kind is null || r.Kind == kind)
            .Where(r => string.IsNullOrWhiteSpace(filter.ParentCode) || r.ParentCode == filter.ParentCode)
            .ToList();
        return ValueTask.FromResult(matches.ToPagedList(filter.Paging, ListRegions.Sorting.Fields, RegionResponse.From));
    }
}

/// <summary>One region.</summary>
public sealed record GetRegion(string RegionCode) : IQuery<RegionResponse>;

internal sealed class GetRegionHandler : IQueryHandler<GetRegion, RegionResponse>
{
    public ValueTask<RegionResponse> Handle(GetRegion query, CancellationToken ct) =>
        ValueTask.FromResult(RegionCatalog.Find(query.RegionCode) is { } region
            ? RegionResponse.From(region)
            : throw new NotFoundException("Region", query.RegionCode));
}

public static class RegionsApi
{
    public static RouteGroupBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/regions").WithTags("Regions");
        group.MapGet("/", List).WithName("ListRegions")
            .WithSummary("The region tree: Tianjin, its 16 districts and its functional zones");
        group.MapGet("/{regionCode}", Get).WithName("GetRegion").WithSummary("Get a region");
        return group;
    }

    private static async Task<Ok<PagedList<RegionResponse>>> List([AsParameters] RegionFilter filter, [AsParameters] PageQuery paging,
        ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListRegions(filter.Kind, filter.ParentCode, paging), ct));

    private static async Task<Ok<RegionResponse>> Get(string regionCode, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetRegion(regionCode), ct));
}
