using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ServiceDefaults.Csv;
using ServiceDefaults.Http;
using SharedKernel.Access;

namespace Platforms.Api.Csv;

public static class ImportApi
{
    public static RouteHandlerBuilder MapPlatformImportApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/platforms/import", Import).WithTags("Platforms").WithName("ImportPlatforms")
            .WithSummary($"Accredit or update platforms from CSV (text/csv, UTF-8, header {PlatformCsv.Header}); ?dryRun=true writes nothing")
            .Accepts<string>(CsvUpload.MediaType).RequireAuthorization(Scopes.PlatformsWrite);

    /// <param name="dryRun">true: validate and report, write nothing.</param>
    private static async Task<Ok<ImportReport>> Import(HttpRequest request, bool? dryRun, ISender sender,
        IOptions<RequestLimitsOptions> limits, ClaimsPrincipal user, CancellationToken ct)
    {
        var text = await CsvUpload.ReadAsync(request, limits.Value.MaxBodyBytes, PlatformCsv.Header, "platform", ct);
        return TypedResults.Ok(await sender.Send(new ImportPlatforms(text, dryRun ?? false, user), ct));
    }
}
