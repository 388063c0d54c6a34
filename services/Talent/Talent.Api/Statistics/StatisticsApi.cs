using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Talent.Api.Statistics;

/// <summary>Aggregate statistics: public documents (政务公开), readable without a token, never a cell of fewer than five people.</summary>
public static class StatisticsApi
{
    public static RouteHandlerBuilder MapStatisticsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/talents/statistics", Get).WithTags("Statistics").WithName("GetTalentStatistics")
            .WithSummary("People recognised, serving as commissioners, or appraised excellent, per district or nationality (cells under five suppressed)")
            .AllowAnonymous();

    private static async Task<Ok<StatisticsResponse>> Get([AsParameters] GetStatistics query, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));
}
