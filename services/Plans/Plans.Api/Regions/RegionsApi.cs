using Persistence;
using SharedKernel.Errors;
using SharedKernel.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using ServiceDefaults.Problems;

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

public static class RegionsApi
{
    private static readonly SortFields<Region> Sorting = new("code", new Dictionary<string, System.Linq.Expressions.Expression<Func<Region, object?>>>
    {
        ["code"] = r => r.Code,
        ["name"] = r => r.Name,
    });

    public static RouteGroupBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/regions").WithTags("Regions");
        group.MapGet("/", ListRegions).WithName("ListRegions")
            .WithSummary("The region tree: Tianjin, its 16 districts and its functional zones");
        group.MapGet("/{regionCode}", GetRegion).WithName("GetRegion").WithSummary("Get a region");
        return group;
    }

    private static async Task<Ok<PagedList<RegionResponse>>> ListRegions([AsParameters] RegionFilter filter,
        [AsParameters] PageQuery paging, PlansDbContext db, CancellationToken ct)
    {
        var kind = EnumText.ParseOptional<RegionKind>(filter.Kind, "kind");
        var query = db.Regions.AsNoTracking();
        if (kind is not null)
        {
            query = query.Where(r => r.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.ParentCode))
        {
            query = query.Where(r => r.ParentCode == filter.ParentCode);
        }

        return TypedResults.Ok(await query.ToPagedListAsync(paging, Sorting, RegionResponse.From, ct));
    }

    private static async Task<Ok<RegionResponse>> GetRegion(string regionCode, PlansDbContext db, CancellationToken ct)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == regionCode, ct)
            ?? throw new NotFoundException("Region", regionCode);
        return TypedResults.Ok(RegionResponse.From(region));
    }
}
