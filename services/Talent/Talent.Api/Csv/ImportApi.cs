using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ServiceDefaults.Csv;
using ServiceDefaults.Http;
using SharedKernel.Access;

namespace Talent.Api.Csv;

public static class ImportApi
{
    public static RouteHandlerBuilder MapTalentImportApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/talents/import", Import).WithTags("Talents").WithName("ImportTalents")
            .WithSummary($"Register or update people from CSV (text/csv, UTF-8, header {TalentCsv.Header}); ?dryRun=true writes nothing")
            .Accepts<string>(CsvUpload.MediaType).RequireAuthorization(Scopes.TalentWrite);

    /// <param name="dryRun">true: validate and report, write nothing.</param>
    private static async Task<Ok<ImportReport>> Import(HttpRequest request, bool? dryRun, ISender sender,
        IOptions<RequestLimitsOptions> limits, ClaimsPrincipal user, CancellationToken ct)
    {
        var text = await CsvUpload.ReadAsync(request, limits.Value.MaxBodyBytes, TalentCsv.Header, "person", ct);
        return TypedResults.Ok(await sender.Send(new ImportTalents(text, dryRun ?? false, user), ct));
    }
}
