using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Plans.Api.Rollups;

public static class RollupsApi
{
    public static RouteGroupBuilder MapRollupsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/rollups").WithTags("Rollups");
        group.MapGet("/", List).WithName("ListRollups")
            .WithSummary("Every register metric the municipal plan shares with a district or zone plan: targets and actuals side by side, the districts' sums and the gap");
        group.MapGet("/{metric}", Get).WithName("GetRollup")
            .WithSummary("One register metric (e.g. enterprises.qualified.HighTech) across the published plans bound to it: the municipal target and actual beside each district's and zone's, their sums and the gap; 404 when no published plan is bound to it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<RollupListResponse>> List(ISender sender, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListRollups(user), ct));

    /// <param name="metric">The register metric, as the indicators bind it (up to 120 characters; 400 otherwise).</param>
    private static async Task<Ok<RollupResponse>> Get(string metric, ISender sender, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetRollup(metric, user), ct));
}
