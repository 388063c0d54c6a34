using System.Linq.Expressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Platforms.Api.Catalog;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using Platforms.Api.Validation;
using ServiceDefaults.Paging;
using SharedKernel.Regions;

namespace Platforms.Api.Platforms;

/// <summary>GET /api/v1/platforms: the platforms that match, a page of them as JSON or all of them as CSV.</summary>
/// <param name="Type">Only this type (a key of GET /api/v1/platforms/types).</param>
/// <param name="Level">Only this level: national, municipal or district.</param>
/// <param name="Status">Only this status: underConstruction, active, suspended or revoked.</param>
/// <param name="RegionCode">A region and the regions below it: 120000 lists all, a zone code lists the platforms of that zone.</param>
/// <param name="ZoneCode">Only platforms of this functional zone.</param>
/// <param name="HostCreditCode">Only platforms hosted by this enterprise.</param>
/// <param name="Designation">Only platforms holding this designation (specialized, enterprise, demonstration …).</param>
/// <param name="Abroad">true: only platforms located abroad; false: only those in China.</param>
/// <param name="Q">Words in the Chinese or English name.</param>
/// <param name="Format">json (default, paged) or csv (every match, UTF-8 with a byte order mark and a header row, the import's columns).</param>
/// <param name="Page">The page, from 1 (JSON only). Deep pages are cheaper by cursor.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50 (JSON only).</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default, the order of accreditation), name, type, level, regionCode, approvedOn, status, updatedAt; ties in id order. A sort by level or status pages by number only.</param>
/// <param name="Cursor">The nextCursor of the page before (JSON only), with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListPlatforms(string? Type, string? Level, string? Status, string? RegionCode, string? ZoneCode, string? HostCreditCode,
    string? Designation, bool? Abroad, string? Q, string? Format, int? Page, int? PageSize, string? Sort, string? Cursor, bool? Count)
    : IQuery<PlatformListing>
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>What the list answers: a page (JSON) or every match (CSV).</summary>
public abstract record PlatformListing
{
    public sealed record Page(CursorPage<PlatformResponse> Items) : PlatformListing;

    /// <summary>The matching platforms, read from the database as the CSV is written.</summary>
    public sealed record Csv(IAsyncEnumerable<Platform> Rows) : PlatformListing;
}

internal sealed class ListPlatformsValidator : AbstractValidator<ListPlatforms>
{
    public ListPlatformsValidator(PlatformCatalog catalog)
    {
        RuleFor(q => q.Type).Must(type => Rules.Text(type) is null || catalog.Find(type) is not null)
            .WithMessage(q => $"'{q.Type}' is not a platform type; use one of: {catalog.Keys}.");
        RuleFor(q => q.Level).MustName<ListPlatforms, PlatformLevel>();
        RuleFor(q => q.Status).MustName<ListPlatforms, PlatformStatus>();
        RuleFor(q => q.RegionCode).MustBeRegion();
        RuleFor(q => q.ZoneCode).MustBeZone();
        RuleFor(q => q.HostCreditCode).MustBeCreditCode().When(q => Rules.Text(q.HostCreditCode) is not null);
        RuleFor(q => q.Designation).MaximumLength(30);
        RuleFor(q => q.Format).Must(format => Rules.Text(format)?.ToLowerInvariant() is null or "json" or "csv")
            .WithMessage("Use json (the default) or csv.");
    }
}

internal sealed class ListPlatformsHandler(PlatformsDbContext db, PlatformCatalog catalog, PlatformViews views)
    : IQueryHandler<ListPlatforms, PlatformListing>
{
    internal static readonly SortFields<Platform> Sorting = new("id", new Dictionary<string, Expression<Func<Platform, object?>>>
    {
        ["id"] = p => p.Id,
        ["name"] = p => p.Name,
        ["type"] = p => p.Type,
        ["level"] = p => p.Level,
        ["regionCode"] = p => p.RegionCode,
        ["approvedOn"] = p => p.ApprovedOn,
        ["status"] = p => p.Status,
        ["updatedAt"] = p => p.UpdatedAt,
    });

    private static readonly Keyset<Platform> Keyset = new(Sorting, "id");

    public async ValueTask<PlatformListing> Handle(ListPlatforms query, CancellationToken cancellationToken)
    {
        var matches = Filter(query);
        if (Rules.Text(query.Format)?.ToLowerInvariant() == "csv")
        {
            return new PlatformListing.Csv(Sorting.Apply(matches, query.Sort).AsAsyncEnumerable());
        }

        var page = await matches.ToCursorPageAsync(db.Database, Keyset, query.List, Scope(query), p => p, cancellationToken);
        return new PlatformListing.Page(new CursorPage<PlatformResponse>(await views.OfAsync(page.Items, cancellationToken), page.Page,
            page.PageSize, page.TotalCount, page.NextCursor));
    }

    /// <summary>The filters as <see cref="Filter"/> applies them, which a cursor is bound to.</summary>
    private string Scope(ListPlatforms filter)
    {
        var abroad = filter.Abroad switch { true => "abroad", false => "home", null => null };
        return Cursors.Scope(catalog.Find(Rules.Text(filter.Type))?.Key, Rules.Parse<PlatformLevel>(filter.Level, "level")?.ToString(),
            Rules.Parse<PlatformStatus>(filter.Status, "status")?.ToString(), Rules.Text(filter.RegionCode), Rules.Text(filter.ZoneCode),
            Rules.Text(filter.HostCreditCode) is null ? null : Rules.NormalizeCreditCode(filter.HostCreditCode), Rules.Text(filter.Designation),
            abroad, Rules.Text(filter.Q)?.ToLower());
    }

    private IQueryable<Platform> Filter(ListPlatforms filter)
    {
        var query = db.Platforms.AsNoTracking();
        if (catalog.Find(Rules.Text(filter.Type)) is { } type)
        {
            query = query.Where(p => p.Type == type.Key);
        }

        if (Rules.Parse<PlatformLevel>(filter.Level, "level") is { } level)
        {
            query = query.Where(p => p.Level == level);
        }

        if (Rules.Parse<PlatformStatus>(filter.Status, "status") is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (Rules.Text(filter.RegionCode) is { } region)
        {
            query = query.InRegion(region);
        }

        if (Rules.Text(filter.ZoneCode) is { } zone)
        {
            query = query.Where(p => p.ZoneCode == zone);
        }

        if (Rules.Text(filter.HostCreditCode) is not null)
        {
            var host = Rules.NormalizeCreditCode(filter.HostCreditCode);
            query = query.Where(p => p.HostCreditCode == host);
        }

        if (Rules.Text(filter.Designation) is { } designation)
        {
            var wrapped = "," + designation + ",";
            query = query.Where(p => ("," + p.Designations + ",").Contains(wrapped));
        }

        if (filter.Abroad is { } abroad)
        {
            query = abroad ? query.Where(p => p.AbroadCountry != null) : query.Where(p => p.AbroadCountry == null);
        }

        if (Rules.Text(filter.Q) is { } words)
        {
            var lowered = words.ToLower();
            query = query.Where(p => p.Name.ToLower().Contains(lowered) || (p.NameEn != null && p.NameEn.ToLower().Contains(lowered)));
        }

        return query;
    }
}

internal static class PlatformQueries
{
    /// <summary>Platforms of a known region or below it, or of it when it is a functional zone.</summary>
    public static IQueryable<Platform> InRegion(this IQueryable<Platform> query, string regionCode)
    {
        var within = RegionCodes.Within(regionCode.Trim());
        return query.Where(p => within.Contains(p.RegionCode) || (p.ZoneCode != null && within.Contains(p.ZoneCode)));
    }
}
