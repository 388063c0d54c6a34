using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Indicators;
using Plans.Api.Plans;
using Plans.Api.Progress;
using Plans.Api.Units;

namespace Plans.Api.Reports;

/// <summary>
/// A plan's monitoring report: every indicator with the target in force on the report's date, its approved actual,
/// progress, status and the actual's source, and every key task with its status and progress note. The annual report
/// (年度监测报告) is reckoned as of a year's last day; a review (中期评估) is one taken as of its date and stored.
/// </summary>
/// <param name="Title">The plan's title, as printed.</param>
/// <param name="Issuer">Who issued the plan.</param>
/// <param name="Year">The year of <paramref name="AsOf"/>.</param>
/// <param name="AsOf">The date reckoned for: the year's last day for an annual report, the review's date for a review.</param>
public sealed record MonitoringReport(
    string PlanCode,
    [property: MaxLength(300)] string Title,
    [property: MaxLength(200)] string? Issuer,
    int Year,
    DateOnly AsOf,
    [property: MaxLength(1000)] IReadOnlyList<ReportIndicator> Indicators,
    [property: MaxLength(1000)] IReadOnlyList<ReportTask> Tasks);

/// <summary>An indicator in a report.</summary>
/// <param name="Target">The final target in force on the report's date.</param>
/// <param name="Actual">The latest approved (or register) figure up to the report's year; null when there is none.</param>
/// <param name="Source">Where the actual comes from: <c>manual</c> or <c>register:{name}</c>.</param>
public sealed record ReportIndicator(string Code, [property: MaxLength(300)] string Name, [property: MaxLength(50)] string? Unit,
    TargetValue Target, YearValue? Actual, decimal? ProgressPercent, ProgressStatus Status, [property: MaxLength(200)] string? Source);

/// <summary>A key task in a report.</summary>
public sealed record ReportTask(string Code, [property: MaxLength(500)] string Title, KeyTaskStatus Status,
    [property: MaxLength(4000)] string? ProgressNote);

/// <summary>The annual report of a plan for a year within its period (see <see cref="MonitoringReport"/>).</summary>
public sealed record GetAnnualReport(string PlanCode, int Year, ClaimsPrincipal Caller) : IQuery<MonitoringReport>;

internal sealed class GetAnnualReportValidator : AbstractValidator<GetAnnualReport>
{
    public GetAnnualReportValidator() => RuleFor(q => q.Year).InclusiveBetween(1949, 2100);
}

internal sealed class GetAnnualReportHandler(PlansDbContext db, ISender sender) : IQueryHandler<GetAnnualReport, MonitoringReport>
{
    public async ValueTask<MonitoringReport> Handle(GetAnnualReport query, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, query.PlanCode, query.Caller, Access.Read, ct);
        GetUnitObligationsHandler.EnsureWithinPeriod(plan, query.Year);
        return await MonitoringReports.AsOfAsync(db, sender, plan, new DateOnly(query.Year, 12, 31), query.Caller, ct);
    }
}

/// <summary>The one reckoning of a report, for the annual report and for a review.</summary>
internal static class MonitoringReports
{
    public static async Task<MonitoringReport> AsOfAsync(PlansDbContext db, ISender sender, Plan plan, DateOnly asOf,
        ClaimsPrincipal caller, CancellationToken ct)
    {
        var progress = await sender.Send(new GetProgress(plan.Code, asOf, caller), ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.PlanCode == plan.Code).OrderBy(t => t.SortKey)
            .Select(t => new ReportTask(t.Code, t.Title, t.Progress.Status, t.Progress.Note)).ToListAsync(ct);
        return new MonitoringReport(plan.Code, plan.Details.Title, plan.Details.Issuer, asOf.Year, asOf,
            progress.Indicators.Select(i => new ReportIndicator(i.Code, i.Name, i.Unit, i.Target,
                i.Actual is { } a ? new YearValue(a.Year, a.Value) : null, i.ProgressPercent, i.Status, i.Actual?.Source)).ToList(),
            tasks);
    }
}
