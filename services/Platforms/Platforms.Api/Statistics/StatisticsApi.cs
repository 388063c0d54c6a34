using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platforms.Api.Statistics;

/// <summary>Aggregate statistics: public documents (政务公开), readable without a token.</summary>
public static class StatisticsApi
{
    public static RouteHandlerBuilder MapStatisticsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/platforms/statistics", Get).WithTags("Statistics").WithName("GetPlatformStatistics")
            .WithSummary("Platforms active on a day (metric=active) or their tenants (metric=tenants), by region, type and level")
            .AllowAnonymous();

    private static async Task<Ok<StatisticsResponse>> Get([AsParameters] GetStatistics query, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));
}
