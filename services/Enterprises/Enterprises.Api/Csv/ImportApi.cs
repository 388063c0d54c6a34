using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ServiceDefaults.Csv;
using ServiceDefaults.Hosting;
using ServiceDefaults.Http;
using SharedKernel.Access;

namespace Enterprises.Api.Csv;

public static class ImportApi
{
    public static RouteHandlerBuilder MapEnterpriseImportApi(this IEndpointRouteBuilder app)
    {
        return app.MapPost("/api/v1/enterprises/import", Import).WithTags("Enterprises").WithName("ImportEnterprises")
            .WithSummary($"Register or update enterprises from CSV (text/csv, UTF-8, header {EnterpriseCsv.Header}), read as it arrives, " +
                "up to RequestLimits:MaxImportBodyBytes (64 MiB by default); ?dryRun=true writes nothing")
            .Accepts<string>(CsvUpload.MediaType).WithStreamedImport().ReleasesMemoryAfterwards().RequireAuthorization(Scopes.EnterprisesWrite)
            // Another request registered or changed an enterprise of the file while it was imported: nothing was imported.
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <param name="dryRun">true: validate and report, write nothing.</param>
    private static async Task<Ok<ImportReport>> Import(HttpRequest request, bool? dryRun, ISender sender,
        IOptions<RequestLimitsOptions> limits, ClaimsPrincipal user, CancellationToken ct)
    {
        using var csv = CsvUpload.OpenStream(request, limits.Value.MaxImportBodyBytes, EnterpriseCsv.Header);
        return TypedResults.Ok(await sender.Send(new ImportEnterprises(csv, dryRun ?? false, user), ct));
    }
}
