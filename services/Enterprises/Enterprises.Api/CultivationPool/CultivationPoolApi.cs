using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDefaults.Hosting;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Enterprises.Api.CultivationPool;

public static class CultivationPoolApi
{
    public static RouteGroupBuilder MapCultivationPoolApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/cultivation-pool").WithTags("Eligibility");
        group.MapGet("/", Get).WithName("GetCultivationPool")
            .WithSummary("Enterprises without a valid HighTech qualification that meet or nearly meet the HighTech rules, "
                + "with the criteria they miss and by how much; ordered by the number missed, then name")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPost("/rebuild", Rebuild).WithName("RebuildCultivationPool")
            .WithSummary("Build the precomputed pool whole now, as at a first start: for a register loaded past the service, "
                + "such as by COPY into its tables (admin)")
            .ReleasesMemoryAfterwards().RequireAuthorization(Scopes.Admin);
        return group;
    }

    private static async Task<Ok<CultivationPoolResponse>> Get([AsParameters] GetCultivationPool query, ISender sender, HttpContext http,
        CancellationToken ct)
    {
        var page = await sender.Send(query, ct);
        if (page.NextCursor is { } cursor)
        {
            http.Response.Headers.Link = NextLink.Header(http, cursor);
        }

        return TypedResults.Ok(page);
    }

    private static async Task<Ok<PoolCatchUp>> Rebuild(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new CatchUpCultivationPool { Rebuild = true }, ct));
}
