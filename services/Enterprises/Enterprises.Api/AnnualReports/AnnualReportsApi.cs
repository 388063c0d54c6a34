using System.Security.Claims;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Enterprises.Api.AnnualReports;

public static class AnnualReportsApi
{
    public static RouteGroupBuilder MapAnnualReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/{creditCode}/annual-reports").WithTags("Annual reports");
        group.MapGet("/", List).WithName("ListAnnualReports").WithSummary("List an enterprise's annual reports (newest first)")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapGet("/{year:int}", Get).WithName("GetAnnualReport").WithSummary("Get an enterprise's report for a year")
            .RequireAuthorization(Scopes.EnterprisesRead).WithETag();
        group.MapPut("/{year:int}", Put).WithName("PutAnnualReport")
            .WithSummary("Create (201) or replace (200) the report for a year; If-Match honoured when sent")
            .RequireAuthorization(Scopes.EnterprisesWrite).AcceptsIfMatch().WithETag();
        return group;
    }

    private static async Task<Ok<CursorPage<AnnualReportResponse>>> List([AsParameters] ListAnnualReports query, ISender sender, HttpContext http,
        CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Ok<AnnualReportResponse>> Get(string creditCode, int year, ISender sender, HttpResponse response,
        CancellationToken ct)
    {
        var found = await sender.Send(new GetAnnualReport(creditCode, year), ct);
        ETags.Set(response, found.Version);
        return TypedResults.Ok(found.Report);
    }

    private static async Task<Results<Created<AnnualReportResponse>, Ok<AnnualReportResponse>>> Put(string creditCode, int year,
        AnnualReportRequest request, ISender sender, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        var filed = await sender.Send(new FileAnnualReport(creditCode, year, request, IfMatch.From(http.Request), user), ct);
        ETags.Set(http.Response, filed.Version);
        return filed.Created
            ? TypedResults.Created($"/api/v1/enterprises/{filed.Report.CreditCode}/annual-reports/{year}", filed.Report)
            : TypedResults.Ok(filed.Report);
    }
}
