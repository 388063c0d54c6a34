using System.Linq.Expressions;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Validation;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using SharedKernel.Errors;

namespace Enterprises.Api.Qualifications;

/// <summary>The type and status filters of the qualification lists.</summary>
public interface IQualificationFilter
{
    /// <summary>TechSme, HighTech, Eagle, Gazelle, Leader or LeaderCultivation.</summary>
    string? Type { get; }

    /// <summary>valid, expired or revoked.</summary>
    string? Status { get; }
}

/// <summary>GET /api/v1/enterprises/{creditCode}/qualifications: an enterprise's qualifications, of every status.</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Type">Only this type: TechSme, HighTech, Eagle, Gazelle, Leader or LeaderCultivation.</param>
/// <param name="Status">Only this status: valid, expired or revoked.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default), type, grantedOn, expiresOn, creditCode; ties in id order. A sort by type pages by number only.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListEnterpriseQualifications([FromRoute] string CreditCode, string? Type, string? Status, int? Page, int? PageSize,
    string? Sort, string? Cursor, bool? Count)
    : IQuery<CursorPage<QualificationResponse>>, IQualificationFilter
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>GET /api/v1/qualifications: every qualification of every enterprise, with the enterprise's region and zone.</summary>
/// <param name="Type">Only this type: TechSme, HighTech, Eagle, Gazelle, Leader or LeaderCultivation.</param>
/// <param name="Status">Only this status: valid, expired or revoked.</param>
/// <param name="RegionCode">Only enterprises of this region and below (a zone code: in that zone).</param>
/// <param name="Page">The page, from 1. Deep pages are cheaper by cursor.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default), type, grantedOn, expiresOn, creditCode; ties in id order. A sort by type pages by number only.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListQualifications(string? Type, string? Status, string? RegionCode, int? Page, int? PageSize, string? Sort,
    string? Cursor, bool? Count) : IQuery<CursorPage<QualificationRecord>>, IQualificationFilter
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>GET /api/v1/enterprises/{creditCode}/qualifications/{id}.</summary>
public sealed record GetQualification(string CreditCode, long Id) : IQuery<QualificationResponse>;

internal abstract class QualificationFilterValidator<T> : AbstractValidator<T> where T : IQualificationFilter
{
    protected QualificationFilterValidator()
    {
        RuleFor(q => q.Type).MustName<T, QualificationType>();
        RuleFor(q => q.Status).MustName<T, QualificationStatus>();
    }
}

internal sealed class ListEnterpriseQualificationsValidator : QualificationFilterValidator<ListEnterpriseQualifications>;

internal sealed class ListQualificationsValidator : QualificationFilterValidator<ListQualifications>
{
    public ListQualificationsValidator() => RuleFor(q => q.RegionCode).MustBeRegion();
}

/// <summary>What decides the statement of a page of the qualification register: its filters' and its position's shapes.</summary>
/// <param name="Within">The credit codes of the region's enterprises, first and last, as literals (on PostgreSQL).</param>
internal sealed record QualificationPage(QualificationType? Type, QualificationStatus? Status, RegionShape Region, CodeRange? Within, PageShape Page);

/// <summary>What decides the statement that counts the register's matches: its filters' shapes, and whether every match is counted.</summary>
internal sealed record CountedQualifications(QualificationType? Type, QualificationStatus? Status, RegionShape Region, CodeRange? Within, bool Every);

internal sealed class QualificationQueries(EnterprisesDbContext db, CompiledQueries<EnterprisesDbContext, QualificationPage, Qualification> pages,
    CompiledQueries<EnterprisesDbContext, RegionOfRange, RangeEnds> ranges, CompiledQueries<EnterprisesDbContext, CountedQualifications, Qualification> counts)
    : IQueryHandler<ListEnterpriseQualifications, CursorPage<QualificationResponse>>,
        IQueryHandler<ListQualifications, CursorPage<QualificationRecord>>,
        IQueryHandler<GetQualification, QualificationResponse>
{
    private static readonly SortFields<Qualification> Sorting = new("id", new Dictionary<string, Expression<Func<Qualification, object?>>>
    {
        ["id"] = q => q.Id,
        ["type"] = q => q.Type,
        ["grantedOn"] = q => q.GrantedOn,
        ["expiresOn"] = q => q.ExpiresOn,
        ["creditCode"] = q => q.CreditCode,
    });

    private static readonly Keyset<Qualification> Keyset = new(Sorting, "id");

    public async ValueTask<CursorPage<QualificationResponse>> Handle(ListEnterpriseQualifications query, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, query.CreditCode, cancellationToken);
        var scope = Cursors.Scope(enterprise.CreditCode, EnumText.ParseOptional<QualificationType>(query.Type, "type")?.ToString(),
            EnumText.ParseOptional<QualificationStatus>(query.Status, "status")?.ToString());
        return await Filter(db.Qualifications.AsNoTracking().Where(q => q.CreditCode == enterprise.CreditCode),
                EnumText.ParseOptional<QualificationType>(query.Type, "type"), EnumText.ParseOptional<QualificationStatus>(query.Status, "status"))
            .ToCursorPageAsync(db.Database, Keyset, query.List, scope, QualificationResponse.From, cancellationToken);
    }

    public async ValueTask<CursorPage<QualificationRecord>> Handle(ListQualifications query, CancellationToken cancellationToken)
    {
        var type = EnumText.ParseOptional<QualificationType>(query.Type, "type");
        var status = EnumText.ParseOptional<QualificationStatus>(query.Status, "status");
        var region = EnterpriseQuery.Text(query.RegionCode);
        var scope = Cursors.Scope(type?.ToString(), status?.ToString(), region);
        var (regionShape, regionValues) = RegionFilter.Of(region);
        var position = Keyset.Position(query.List, scope);
        var values = position.With(regionValues);
        var within = regionShape != RegionShape.None && db.Database.IsPostgres()
            ? await CodeRange.OfAsync(ranges, db, new RegionOfRange(regionShape, Zone: false), values, cancellationToken)
            : null;

        var read = await pages.Run(db, new QualificationPage(type, status, regionShape, within, position.Shape), values).ToListAsync(cancellationToken);

        var total = await QueryableExtensions.TotalCountAsync(
            (every, ct) => counts.CountAsync(db, new CountedQualifications(type, status, regionShape, within, every), values, ct),
            query.List, read.Count, cancellationToken);
        var holders = await HoldersAsync(read.Select(q => q.CreditCode).Distinct().ToList(), cancellationToken);
        return Keyset.ToPage(read, query.List, scope, total, q => QualificationRecord.From(q, holders[q.CreditCode]));
    }

    /// <summary>The register's pages, compiled once for each shape (<see cref="QualificationPage"/>).</summary>
    public static CompiledQueries<EnterprisesDbContext, QualificationPage, Qualification> Pages() => new((db, shape, values) =>
        Keyset.Page(Matches(db, shape.Type, shape.Status, shape.Region, shape.Within, values), shape.Page, KeysetDialects.Of(db.Database), values));

    /// <summary>The register's counts of matches (totalCount), compiled once for each shape, as its pages are.</summary>
    public static CompiledQueries<EnterprisesDbContext, CountedQualifications, Qualification> Counts() => new((db, shape, values) =>
        Matches(db, shape.Type, shape.Status, shape.Region, shape.Within, values).ToCount(shape.Every, KeysetDialects.Of(db.Database)));

    /// <summary>
    /// The qualifications of the type and status, held by enterprises of the region, the region's codes read from
    /// <paramref name="values"/>; within the region's range of credit codes too, where it is given (<see cref="CodeRange"/>).
    /// </summary>
    private static IQueryable<Qualification> Matches(EnterprisesDbContext db, QualificationType? type, QualificationStatus? status,
        RegionShape region, CodeRange? within, QueryParameters values)
    {
        var qualifications = Filter(db.Qualifications.AsNoTracking(), type, status);
        if (region == RegionShape.None)
        {
            return qualifications;
        }

        qualifications = within?.Holding(qualifications) ?? qualifications;
        var inRegion = db.Enterprises.InRegion(region, values).Select(e => e.CreditCode);
        return qualifications.Where(q => inRegion.Contains(q.CreditCode));
    }

    /// <summary>
    /// The page's enterprises in one query: each with its latest report's year and revenue by correlated
    /// subqueries that the report's key (CreditCode, Year) answers as one backward index probe, so a page
    /// costs the same however many years the enterprises have reported.
    /// </summary>
    private async Task<Dictionary<string, QualificationHolder>> HoldersAsync(List<string> codes, CancellationToken cancellationToken)
    {
        var rows = await db.Enterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode))
            .Select(e => new
            {
                e.CreditCode,
                e.RegionCode,
                e.ZoneCode,
                Year = db.AnnualReports.Where(r => r.CreditCode == e.CreditCode).OrderByDescending(r => r.Year).Select(r => (int?)r.Year)
                    .FirstOrDefault(),
                RevenueWan = db.AnnualReports.Where(r => r.CreditCode == e.CreditCode).OrderByDescending(r => r.Year)
                    .Select(r => (decimal?)r.RevenueWan).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(e => e.CreditCode, e => new QualificationHolder(e.RegionCode, e.ZoneCode, e.RevenueWan, e.Year));
    }

    public async ValueTask<QualificationResponse> Handle(GetQualification query, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, query.CreditCode, cancellationToken);
        return QualificationResponse.From(await QualificationLookup.FindAsync(db, enterprise, query.Id, cancellationToken));
    }

    /// <summary>
    /// The type and status as literals of the statement (a statement for each of their few values), as the enterprise list's
    /// filter by qualification writes its type: as parameters, PostgreSQL's generic plan of a page estimated a sixth of the
    /// qualifications for any type (33,333 of 200,000, where HighTech holds 80,000) and it planned the page again on every request.
    /// </summary>
    private static IQueryable<Qualification> Filter(IQueryable<Qualification> query, QualificationType? type, QualificationStatus? status)
    {
        if (type is { } held)
        {
            query = query.Where(Literals.Bind((Qualification q, QualificationType t) => q.Type == t, held));
        }

        return status is { } state
            ? query.Where(Literals.Bind((Qualification q, QualificationStatus s) => q.Status == s, state))
            : query;
    }
}

internal static class QualificationLookup
{
    public static async Task<Qualification> FindAsync(EnterprisesDbContext db, Enterprise enterprise, long id, CancellationToken ct) =>
        await db.Qualifications.SingleOrDefaultAsync(q => q.CreditCode == enterprise.CreditCode && q.Id == id, ct)
        ?? throw new NotFoundException("Qualification", $"{enterprise.CreditCode}/{id}");
}
