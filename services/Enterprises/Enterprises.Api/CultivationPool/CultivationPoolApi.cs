using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
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
        return group;
    }

    private static async Task<Ok<CultivationPoolResponse>> Get([AsParameters] GetCultivationPool query, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));
}
