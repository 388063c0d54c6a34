using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enterprises.Api.Statistics;

/// <summary>Aggregate statistics: public documents (政务公开), readable without a token.</summary>
public static class StatisticsApi
{
    public static RouteHandlerBuilder MapStatisticsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/enterprises/statistics", Get).WithTags("Statistics").WithName("GetEnterpriseStatistics")
            .WithSummary("Qualifications held on a day (metric=qualified) or granted in a window (metric=granted), per district, Tianjin and zone")
            .AllowAnonymous();

    private static async Task<Ok<StatisticsResponse>> Get([AsParameters] GetStatistics query, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));
}
