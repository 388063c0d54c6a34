using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Plans.Api.Plans;
using ServiceDefaults.Csv;

namespace Plans.Api.Reports;

public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/reports").WithTags("Reports");
        group.MapGet("/{year:int}", Get).WithName("GetAnnualReport").ReadsPlan()
            .WithSummary("The annual monitoring report (年度监测报告): every indicator with its target in force at the year's end, approved actual, progress, status and source, and every task with its status and progress note; ?format=html for a printable page, ?format=csv")
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status200OK, CsvUpload.MediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <param name="code">The plan.</param>
    /// <param name="year">The year reported on; within the plan's period (422 otherwise).</param>
    /// <param name="format">json (default), html (a printable page in Chinese) or csv.</param>
    private static async Task<Results<Ok<MonitoringReport>, ContentHttpResult, PushStreamHttpResult>> Get(string code, int year,
        string? format, ISender sender, HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var form = ReportFormats.Parse(format);
        var report = await sender.Send(new GetAnnualReport(code, year, user), ct);
        return ReportFormats.Answer(form, report, report, $"{report.Year}年度监测报告", response);
    }
}
