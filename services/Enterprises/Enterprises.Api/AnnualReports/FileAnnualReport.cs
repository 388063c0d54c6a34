using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Events;
using EventBus;
using ServiceDefaults.Http;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SharedKernel.Time;

namespace Enterprises.Api.AnnualReports;

/// <summary>
/// PUT /api/v1/enterprises/{creditCode}/annual-reports/{year}: files the first report for the year, or
/// replaces it (If-Match honoured when sent; with If-Match there must be a report to replace).
/// Publishes AnnualReportFiled for a first report, and for a replacement that changes the revenue:
/// the one figure other services count (revenue bands such as 营业收入超100亿元).
/// </summary>
public sealed record FileAnnualReport : AnnualReportRequest, ICommand<AnnualReportResult>
{
    public FileAnnualReport(string creditCode, int year, AnnualReportRequest figures, IfMatch ifMatch, ClaimsPrincipal caller) : base(figures)
    {
        CreditCode = creditCode;
        Year = year;
        IfMatch = ifMatch;
        Caller = caller;
    }

    public string CreditCode { get; }
    public int Year { get; }
    public IfMatch IfMatch { get; }

    /// <summary>Who files it: a caller confined to a region reports only for enterprises there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class FileAnnualReportValidator : AbstractValidator<FileAnnualReport>
{
    public FileAnnualReportValidator()
    {
        RuleFor(r => r.RevenueWan).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(20, 4, true);
        RuleFor(r => r.RdExpenseWan).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(20, 4, true);
        RuleFor(r => r.HighTechRevenueWan).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(20, 4, true);
        RuleFor(r => r.HighTechRevenueWan).LessThanOrEqualTo(r => r.RevenueWan)
            .When(r => r.RevenueWan is not null && r.HighTechRevenueWan is not null)
            .WithMessage("'highTechRevenueWan' cannot exceed 'revenueWan': high-tech revenue is part of the revenue.");
        RuleFor(r => r.TotalAssetsWan).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(20, 4, true);
        RuleFor(r => r.Employees).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(r => r.RdStaff).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(r => r.RdStaff).LessThanOrEqualTo(r => r.Employees)
            .When(r => r.Employees is not null && r.RdStaff is not null)
            .WithMessage("'rdStaff' cannot exceed 'employees': R&D staff are counted among the employees.");
        RuleFor(r => r.InventionPatents).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(r => r.Class1Ip).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(r => r.Class2Ip).NotNull().GreaterThanOrEqualTo(0);
    }
}

internal sealed class FileAnnualReportHandler(EnterprisesDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<FileAnnualReport, AnnualReportResult>
{
    public async ValueTask<AnnualReportResult> Handle(FileAnnualReport command, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, command.CreditCode, cancellationToken);
        EnterpriseLookup.EnsureWritable(command.Caller, enterprise);
        var today = clock.Today();
        enterprise.EnsureMayReport(command.Year, today);
        var report = await db.AnnualReports.SingleOrDefaultAsync(r => r.CreditCode == enterprise.CreditCode && r.Year == command.Year,
            cancellationToken);
        if (report is not null)
        {
            command.IfMatch.RequireIfPresent(report.Version);
            var revenueBefore = report.RevenueWan;
            report.Replace(command.ToFigures(), clock.GetUtcNow());
            if (report.RevenueWan != revenueBefore)
            {
                events.Publish(EventFactory.Filed(report, enterprise));
            }

            return AnnualReportResult.Of(report, created: false);
        }

        command.IfMatch.RequireAbsent($"There is no report for {command.Year} to replace; send the PUT without If-Match to create it.");
        report = enterprise.FileAnnualReport(command.Year, command.ToFigures(), today, clock.GetUtcNow());
        db.AnnualReports.Add(report);
        events.Publish(EventFactory.Filed(report, enterprise));
        return AnnualReportResult.Of(report, created: true);
    }
}
