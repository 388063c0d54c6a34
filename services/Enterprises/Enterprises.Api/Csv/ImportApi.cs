using SharedKernel.Access;
using System.Security.Claims;
using Enterprises.Api.Enterprises;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ServiceDefaults.Http;

namespace Enterprises.Api.Csv;

public static class ImportApi
{
    public static RouteHandlerBuilder MapEnterpriseImportApi(this IEndpointRouteBuilder app)
    {
        return app.MapPost("/api/v1/enterprises/import", ImportEnterprises).WithTags("Enterprises").WithName("ImportEnterprises")
            .WithSummary("Register or update enterprises from CSV (text/csv, UTF-8, header creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn); ?dryRun=true writes nothing")
            .Accepts<string>(EnterpriseCsv.MediaType).RequireAuthorization(Scopes.EnterprisesWrite);
    }

    /// <param name="dryRun">true: validate and report, write nothing.</param>
    private static async Task<Ok<ImportReport>> ImportEnterprises(HttpRequest request, bool? dryRun, EnterpriseImport import,
        IOptions<RequestLimitsOptions> limits, ClaimsPrincipal user, CancellationToken ct)
    {
        var text = await CsvBody.ReadAsync(request, limits.Value.MaxBodyBytes, ct);
        return TypedResults.Ok(await import.RunAsync(text, dryRun ?? false, user, ct));
    }
}
