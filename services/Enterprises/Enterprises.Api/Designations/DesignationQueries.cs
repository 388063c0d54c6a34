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

namespace Enterprises.Api.Designations;

/// <summary>The kind and status filters of the designation lists.</summary>
public interface IDesignationFilter
{
    /// <summary>Listed, ListingReserve, Unicorn or PotentialUnicorn.</summary>
    string? Kind { get; }

    /// <summary>current, ended or withdrawn.</summary>
    string? Status { get; }
}

/// <summary>GET /api/v1/enterprises/{creditCode}/designations: an enterprise's designations, of every status.</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Kind">Only this kind: Listed, ListingReserve, Unicorn or PotentialUnicorn.</param>
/// <param name="Status">Only this status: current, ended or withdrawn.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default), kind, since, endedOn, creditCode; ties in id order. A sort by kind or endedOn pages by number only.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListEnterpriseDesignations([FromRoute] string CreditCode, string? Kind, string? Status, int? Page, int? PageSize,
    string? Sort, string? Cursor, bool? Count)
    : IQuery<CursorPage<DesignationResponse>>, IDesignationFilter
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>GET /api/v1/designations: every designation of every enterprise, with the enterprise's region and zone.</summary>
/// <param name="Kind">Only this kind: Listed, ListingReserve, Unicorn or PotentialUnicorn.</param>
/// <param name="Status">Only this status: current, ended or withdrawn.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default), kind, since, endedOn, creditCode; ties in id order. A sort by kind or endedOn pages by number only.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListDesignations(string? Kind, string? Status, int? Page, int? PageSize, string? Sort, string? Cursor, bool? Count)
    : IQuery<CursorPage<DesignationRecord>>, IDesignationFilter
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>GET /api/v1/enterprises/{creditCode}/designations/{id}.</summary>
public sealed record GetDesignation(string CreditCode, long Id) : IQuery<DesignationResult>;

internal abstract class DesignationFilterValidator<T> : AbstractValidator<T> where T : IDesignationFilter
{
    protected DesignationFilterValidator()
    {
        RuleFor(q => q.Kind).MustName<T, DesignationKind>();
        RuleFor(q => q.Status).MustName<T, DesignationStatus>();
    }
}

internal sealed class ListEnterpriseDesignationsValidator : DesignationFilterValidator<ListEnterpriseDesignations>;

internal sealed class ListDesignationsValidator : DesignationFilterValidator<ListDesignations>;

internal sealed class DesignationQueries(EnterprisesDbContext db)
    : IQueryHandler<ListEnterpriseDesignations, CursorPage<DesignationResponse>>,
        IQueryHandler<ListDesignations, CursorPage<DesignationRecord>>,
        IQueryHandler<GetDesignation, DesignationResult>
{
    private static readonly SortFields<Designation> Sorting = new("id", new Dictionary<string, Expression<Func<Designation, object?>>>
    {
        ["id"] = d => d.Id,
        ["kind"] = d => d.Kind,
        ["since"] = d => d.Since,
        ["endedOn"] = d => d.EndedOn,
        ["creditCode"] = d => d.CreditCode,
    });

    private static readonly Keyset<Designation> Keyset = new(Sorting, "id");

    public async ValueTask<CursorPage<DesignationResponse>> Handle(ListEnterpriseDesignations query, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, query.CreditCode, cancellationToken);
        return await Filter(db.Designations.AsNoTracking().Where(d => d.CreditCode == enterprise.CreditCode), query)
            .ToCursorPageAsync(db.Database, Keyset, query.List, Scope(query, enterprise.CreditCode), DesignationResponse.From, cancellationToken);
    }

    /// <summary>A page of designations, then the places of their enterprises in one query: two queries a page, none per item.</summary>
    public async ValueTask<CursorPage<DesignationRecord>> Handle(ListDesignations query, CancellationToken cancellationToken)
    {
        var page = await Filter(db.Designations.AsNoTracking(), query)
            .ToCursorPageAsync(db.Database, Keyset, query.List, Scope(query, null), d => d, cancellationToken);
        var codes = page.Items.Select(d => d.CreditCode).Distinct().ToList();
        var places = await db.Enterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode))
            .Select(e => new { e.CreditCode, e.RegionCode, e.ZoneCode })
            .ToDictionaryAsync(e => e.CreditCode, cancellationToken);
        var items = page.Items.Select(d => DesignationRecord.From(d, places[d.CreditCode].RegionCode, places[d.CreditCode].ZoneCode)).ToList();
        return new CursorPage<DesignationRecord>(items, page.Page, page.PageSize, page.TotalCount, page.NextCursor);
    }

    /// <summary>The filters as the list applies them, which a cursor is bound to.</summary>
    private static string Scope(IDesignationFilter filter, string? creditCode) => Cursors.Scope(creditCode,
        EnumText.ParseOptional<DesignationKind>(filter.Kind, "kind")?.ToString(),
        EnumText.ParseOptional<DesignationStatus>(filter.Status, "status")?.ToString());

    public async ValueTask<DesignationResult> Handle(GetDesignation query, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, query.CreditCode, cancellationToken);
        return DesignationResult.Of(await DesignationLookup.FindAsync(db, enterprise, query.Id, cancellationToken));
    }

    private static IQueryable<Designation> Filter(IQueryable<Designation> query, IDesignationFilter filter)
    {
        var kind = EnumText.ParseOptional<DesignationKind>(filter.Kind, "kind");
        if (kind is not null)
        {
            query = query.Where(d => d.Kind == kind);
        }

        return EnumText.ParseOptional<DesignationStatus>(filter.Status, "status") switch
        {
            DesignationStatus.Current => query.Where(Designation.IsCurrent),
            DesignationStatus.Ended => query.Where(d => !d.Withdrawn && d.EndedOn != null),
            DesignationStatus.Withdrawn => query.Where(d => d.Withdrawn),
            _ => query,
        };
    }
}

internal static class DesignationLookup
{
    public static async Task<Designation> FindAsync(EnterprisesDbContext db, Enterprise enterprise, long id, CancellationToken ct) =>
        await db.Designations.SingleOrDefaultAsync(d => d.CreditCode == enterprise.CreditCode && d.Id == id, ct)
        ?? throw new NotFoundException("Designation", $"{enterprise.CreditCode}/{id}");
}
