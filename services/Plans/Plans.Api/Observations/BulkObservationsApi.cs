using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Plans.Api.Plans;
using ServiceDefaults.Csv;
using ServiceDefaults.Http;
using SharedKernel.Access;

namespace Plans.Api.Observations;

/// <summary>A plan's yearly figures in bulk, as CSV: the statistics bureau's delivery, and the export it can check against.</summary>
public static class BulkObservationsApi
{
    public static RouteGroupBuilder MapBulkObservationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/observations").WithTags("Observations");
        group.MapGet("/", Export).WithName("ExportObservations").ReadsPlan()
            .WithSummary($"The current figure of each indicator and year of the plan, as CSV ({ObservationCsv.Header})")
            .Produces<string>(StatusCodes.Status200OK, CsvUpload.MediaType);
        group.MapPost("/import", Import).WithName("ImportObservations")
            .WithSummary($"Record yearly figures from CSV (text/csv, UTF-8, header {ObservationCsv.Header}; indicator, year and value required), " +
                "each through the same rules as a single figure; a row whose source already gave that value for the indicator and year changes nothing; " +
                "?dryRun=true reports and writes nothing")
            .Accepts<string>(CsvUpload.MediaType).RequireAuthorization(Scopes.PlansWrite);
        return group;
    }

    private static async Task<PushStreamHttpResult> Export(string code, ISender sender, ClaimsPrincipal user, CancellationToken ct) =>
        ObservationCsv.Export(await sender.Send(new ExportObservations(code, user), ct), ct);

    /// <param name="code">The plan.</param>
    /// <param name="dryRun">true: check and report every row, write nothing.</param>
    private static async Task<Ok<ImportReport>> Import(string code, HttpRequest request, bool? dryRun, ISender sender,
        IOptions<RequestLimitsOptions> limits, ClaimsPrincipal user, CancellationToken ct)
    {
        var text = await CsvUpload.ReadAsync(request, limits.Value.MaxBodyBytes, ObservationCsv.Header, "yearly figure", ct);
        return TypedResults.Ok(await sender.Send(new ImportObservations(code, text, dryRun ?? false, user), ct));
    }
}
