using System.Linq.Expressions;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Paging;
using SharedKernel.Errors;

namespace Enterprises.Api.AnnualReports;

/// <summary>GET /api/v1/enterprises/{creditCode}/annual-reports: an enterprise's reports, newest first.</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: year (default -year), revenueWan, updatedAt; ties in year order.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListAnnualReports([FromRoute] string CreditCode, int? Page, int? PageSize, string? Sort, string? Cursor, bool? Count)
    : IQuery<CursorPage<AnnualReportResponse>>
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>GET /api/v1/enterprises/{creditCode}/annual-reports/{year}.</summary>
public sealed record GetAnnualReport(string CreditCode, int Year) : IQuery<AnnualReportResult>;

internal sealed class AnnualReportQueries(EnterprisesDbContext db)
    : IQueryHandler<ListAnnualReports, CursorPage<AnnualReportResponse>>, IQueryHandler<GetAnnualReport, AnnualReportResult>
{
    private static readonly SortFields<AnnualReport> Sorting = new("-year", new Dictionary<string, Expression<Func<AnnualReport, object?>>>
    {
        ["year"] = r => r.Year,
        ["revenueWan"] = r => r.RevenueWan,
        ["updatedAt"] = r => r.UpdatedAt,
    });

    /// <summary>An enterprise reports once a year, and the list is of one enterprise.</summary>
    private static readonly Keyset<AnnualReport> Keyset = new(Sorting, "year");

    public async ValueTask<CursorPage<AnnualReportResponse>> Handle(ListAnnualReports query, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, query.CreditCode, cancellationToken);
        return await db.AnnualReports.AsNoTracking().Where(r => r.CreditCode == enterprise.CreditCode)
            .ToCursorPageAsync(db.Database, Keyset, query.List, enterprise.CreditCode, AnnualReportResponse.From, cancellationToken);
    }

    public async ValueTask<AnnualReportResult> Handle(GetAnnualReport query, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, query.CreditCode, cancellationToken);
        var report = await db.AnnualReports.AsNoTracking()
                .SingleOrDefaultAsync(r => r.CreditCode == enterprise.CreditCode && r.Year == query.Year, cancellationToken)
            ?? throw new NotFoundException("Annual report", $"{enterprise.CreditCode}/{query.Year}");
        return AnnualReportResult.Of(report, created: false);
    }
}
