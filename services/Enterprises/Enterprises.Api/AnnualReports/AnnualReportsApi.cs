using Persistence;
using SharedKernel.Errors;
using SharedKernel.Time;
using SharedKernel.Access;
using System.Linq.Expressions;
using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Http;
using ServiceDefaults.Paging;
using ServiceDefaults.Problems;
using ServiceDefaults.Validation;

namespace Enterprises.Api.AnnualReports;

public static class AnnualReportsApi
{
    private static readonly SortFields<AnnualReport> Sorting = new("-year", new Dictionary<string, Expression<Func<AnnualReport, object?>>>
    {
        ["year"] = r => r.Year,
        ["revenueWan"] = r => r.RevenueWan,
        ["updatedAt"] = r => r.UpdatedAt,
    });

    public static RouteGroupBuilder MapAnnualReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/{creditCode}/annual-reports").WithTags("Annual reports").WithRequestValidation();
        group.MapGet("/", ListAnnualReports).WithName("ListAnnualReports").WithSummary("List an enterprise's annual reports (newest first)")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapGet("/{year:int}", GetAnnualReport).WithName("GetAnnualReport").WithSummary("Get an enterprise's report for a year")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPut("/{year:int}", PutAnnualReport).WithName("PutAnnualReport")
            .WithSummary("Create (201) or replace (200) the report for a year; If-Match honoured when sent")
            .RequireAuthorization(Scopes.EnterprisesWrite);
        return group;
    }

    private static async Task<Ok<PagedList<AnnualReportResponse>>> ListAnnualReports(string creditCode, [AsParameters] PageQuery paging,
        EnterprisesDbContext db, CancellationToken ct)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, creditCode, ct);
        var query = db.AnnualReports.AsNoTracking().Where(r => r.CreditCode == enterprise.CreditCode);
        return TypedResults.Ok(await query.ToPagedListAsync(paging, Sorting, AnnualReportResponse.From, ct));
    }

    private static async Task<Ok<AnnualReportResponse>> GetAnnualReport(string creditCode, int year, EnterprisesDbContext db,
        HttpResponse response, CancellationToken ct)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, creditCode, ct);
        var report = await db.AnnualReports.AsNoTracking().SingleOrDefaultAsync(r => r.CreditCode == enterprise.CreditCode && r.Year == year, ct)
            ?? throw new NotFoundException("Annual report", $"{enterprise.CreditCode}/{year}");
        ETags.Set(response, report.Version);
        return TypedResults.Ok(AnnualReportResponse.From(report));
    }

    private static async Task<Results<Created<AnnualReportResponse>, Ok<AnnualReportResponse>>> PutAnnualReport(string creditCode,
        int year, AnnualReportRequest request, EnterprisesDbContext db, TimeProvider clock, HttpContext http, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, creditCode, ct);
        EnterpriseLookup.EnsureWritable(user, enterprise);
        EnsureReportableYear(enterprise, year, clock.Today());
        var report = await db.AnnualReports.SingleOrDefaultAsync(r => r.CreditCode == enterprise.CreditCode && r.Year == year, ct);
        if (report is not null)
        {
            ETags.RequireMatchIfPresent(http.Request, report.Version);
            if (request.ApplyTo(report))
            {
                report.Touch(clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
            }

            ETags.Set(http.Response, report.Version);
            return TypedResults.Ok(AnnualReportResponse.From(report));
        }

        if (http.Request.Headers.IfMatch.Count > 0)
        {
            // If-Match (even *) asks to replace a report, and there is none: the caller's view is stale.
            throw new ApiException(412, ErrorCodes.PreconditionFailed, "The resource has changed",
                $"There is no report for {year} to replace; send the PUT without If-Match to create it.");
        }

        report = new AnnualReport { CreditCode = enterprise.CreditCode, Year = year };
        request.ApplyTo(report);
        report.Touch(clock.GetUtcNow());
        db.AnnualReports.Add(report);
        await db.SaveChangesAsync(ct);
        ETags.Set(http.Response, report.Version);
        return TypedResults.Created($"/api/v1/enterprises/{enterprise.CreditCode}/annual-reports/{year}", AnnualReportResponse.From(report));
    }

    private static void EnsureReportableYear(Enterprise enterprise, int year, DateOnly today)
    {
        if (year < enterprise.FoundedOn.Year)
        {
            throw new RuleViolationException("year", $"{year} is before the enterprise was founded ({enterprise.FoundedOn:yyyy-MM-dd}).");
        }

        if (year > today.Year)
        {
            throw new RuleViolationException("year", $"{year} has not begun; reports cover the current year ({today.Year}) at the latest.");
        }
    }
}
