using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SharedKernel.Access;

namespace Enterprises.Api.Statistics;

/// <summary>Aggregate statistics: public documents (政务公开), readable without a token.</summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/enterprises/statistics", Get).WithTags("Statistics").WithName("GetEnterpriseStatistics")
            .WithSummary("Qualifications held on a day (metric=qualified) or granted in a window (metric=granted), per district, Tianjin and zone")
            .AllowAnonymous();
        app.MapPost("/api/v1/enterprises/statistics/rebuild", Rebuild).WithTags("Statistics").WithName("RebuildEnterpriseStatistics")
            .WithSummary("Build the counts the statistics read whole now, as at a first start: for a register loaded past the service, "
                + "such as by COPY into its tables (admin)")
            .RequireAuthorization(Scopes.Admin);
        return app;
    }

    private static async Task<Ok<StatisticsResponse>> Get([AsParameters] GetStatistics query, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));

    private static async Task<Ok<CountsBuilt>> Rebuild(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new BuildQualificationCounts { Rebuild = true }, ct));
}
