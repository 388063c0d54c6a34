using System.Linq.Expressions;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Validation;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Paging;
using SharedKernel.Time;

namespace Enterprises.Api.Enterprises;

/// <summary>GET /api/v1/enterprises: the enterprises that match, a page of them as JSON or all of them as CSV.</summary>
/// <param name="RegionCode">A region and the regions below it: 120000 lists all, a zone code lists the enterprises in that zone.</param>
/// <param name="ZoneCode">Only enterprises in this functional zone.</param>
/// <param name="Qualification">Only enterprises holding a qualification of this type today (HighTech, …).</param>
/// <param name="Industry">Only this industry (exact).</param>
/// <param name="Q">Words in the Chinese or English name, or the start of the credit code.</param>
/// <param name="Format">json (default, paged) or csv (every match, UTF-8 with a byte order mark and a header row, the import's columns).</param>
/// <param name="Page">The page, from 1 (JSON only). Deep pages are cheaper by cursor.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50 (JSON only).</param>
/// <param name="Sort">Comma-separated fields, - for descending: creditCode (default), name, regionCode, foundedOn, createdAt, updatedAt; ties in credit code order.</param>
/// <param name="Cursor">The nextCursor of the page before (JSON only), with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListEnterprises(string? RegionCode, string? ZoneCode, string? Qualification, string? Industry, string? Q,
    string? Format, int? Page, int? PageSize, string? Sort, string? Cursor, bool? Count) : IQuery<EnterpriseListing>
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>What the list answers: a page (JSON) or every match (CSV).</summary>
public abstract record EnterpriseListing
{
    public sealed record Page(CursorPage<EnterpriseResponse> Items) : EnterpriseListing;

    /// <summary>The matching enterprises, read from the database as the CSV is written.</summary>
    public sealed record Csv(IAsyncEnumerable<Enterprise> Rows) : EnterpriseListing;
}

internal sealed class ListEnterprisesValidator : AbstractValidator<ListEnterprises>
{
    public ListEnterprisesValidator()
    {
        RuleFor(q => q.RegionCode).MustBeRegion();
        RuleFor(q => q.Qualification).MustName<ListEnterprises, QualificationType>();
        RuleFor(q => q.Format).Must(format => EnterpriseQuery.Text(format)?.ToLowerInvariant() is null or "json" or "csv")
            .WithMessage("Use json (the default) or csv.");
    }
}

/// <summary>What decides the statement of a page of the enterprise list: its filters' and its position's shapes.</summary>
internal sealed record ListedPage(EnterpriseFilter Filter, PageShape Page);

/// <summary>What decides the statement that counts the enterprise list's matches: its filters, and whether every match is counted.</summary>
internal sealed record CountedMatches(EnterpriseFilter Filter, bool Every);

internal sealed class ListEnterprisesHandler(EnterprisesDbContext db, TimeProvider clock,
    CompiledQueries<EnterprisesDbContext, ListedPage, ListedRow> pages, CompiledQueries<EnterprisesDbContext, RegionOfRange, RangeEnds> ranges,
    CompiledQueries<EnterprisesDbContext, ListedOf, ListedRow> listed, CompiledQueries<EnterprisesDbContext, ListedPage, string> searches,
    CompiledQueries<EnterprisesDbContext, CountedMatches, Enterprise> counts)
    : IQueryHandler<ListEnterprises, EnterpriseListing>
{
    internal static readonly SortFields<Enterprise> Sorting = new("creditCode", new Dictionary<string, Expression<Func<Enterprise, object?>>>
    {
        ["creditCode"] = e => e.CreditCode,
        ["name"] = e => e.Name,
        ["regionCode"] = e => e.RegionCode,
        ["foundedOn"] = e => e.FoundedOn,
        ["createdAt"] = e => e.CreatedAt,
        ["updatedAt"] = e => e.UpdatedAt,
    });

    private static readonly Keyset<Enterprise> Keyset = new(Sorting, "creditCode");

    /// <summary>The enterprise list's pages, compiled once for each shape (<see cref="ListedPage"/>).</summary>
    public static CompiledQueries<EnterprisesDbContext, ListedPage, ListedRow> Pages() => new((db, shape, values) =>
    {
        var page = PageOf(db, shape, values).AsListed(shape.Filter.Today);
        return EnterpriseQuery.PlannedOnce(shape.Filter) ? page.OnGenericPlan() : page;
    });

    /// <summary>The credit codes of a page of a name search, compiled once for each shape (<see cref="SearchedAsync"/>).</summary>
    public static CompiledQueries<EnterprisesDbContext, ListedPage, string> Searches() => new((db, shape, values) =>
        PageOf(db, shape, values).Select(e => e.CreditCode));

    /// <summary>
    /// The counts of the list's matches (totalCount), compiled once for each shape, as its pages are: built for every request,
    /// the count of a name search cost the service more than its page (a pair of characters at a million enterprises).
    /// </summary>
    public static CompiledQueries<EnterprisesDbContext, CountedMatches, Enterprise> Counts() => new((db, shape, values) =>
        EnterpriseQuery.Apply(db, shape.Filter, values).ToCount(shape.Every, KeysetDialects.Of(db.Database)));

    private static IQueryable<Enterprise> PageOf(EnterprisesDbContext db, ListedPage shape, QueryParameters values) =>
        Keyset.Page(EnterpriseQuery.Apply(db, shape.Filter, values), shape.Page, KeysetDialects.Of(db.Database), values);

    public async ValueTask<EnterpriseListing> Handle(ListEnterprises query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        if (EnterpriseQuery.Text(query.Format)?.ToLowerInvariant() == "csv")
        {
            // The CSV carries no qualifications or designations, so they are not loaded for it.
            return new EnterpriseListing.Csv(Sorting.Apply(EnterpriseQuery.Apply(db, query, today), query.Sort).AsAsyncEnumerable());
        }

        var scope = EnterpriseQuery.Scope(query);
        var position = Keyset.Position(query.List, scope);
        var (filter, filterValues) = EnterpriseFilter.Of(query, today, position.UniqueKeyBound, within: null);
        // The holders of a qualification in a district or zone are read within its credit codes (CodeRange), on PostgreSQL. A
        // page after a cursor in credit code order needs no range: its holders are read from the cursor on, in the district already.
        if (filter is { Held: not null, AfterDescending: null } && (filter.Region != RegionShape.None || filter.Zone) && db.Database.IsPostgres())
        {
            filter = filter with { Within = await CodeRange.OfAsync(ranges, db, new RegionOfRange(filter.Region, filter.Zone), filterValues, cancellationToken) };
        }

        var values = position.With(filterValues);
        var shape = new ListedPage(filter, position.Shape);
        var read = filter.Words is not null
            ? await SearchedAsync(shape, values, today, cancellationToken)
            : await pages.Run(db, shape, values).ToListedAsync(cancellationToken);

        // Every match is counted: the page's filters without the cursor's bound.
        var matches = filter with { AfterDescending = null };
        var total = await QueryableExtensions.TotalCountAsync(
            (every, ct) => counts.CountAsync(db, new CountedMatches(matches, every), values, ct), query.List, read.Count, cancellationToken);
        return new EnterpriseListing.Page(Keyset.ToPage(read, row => row.Enterprise, query.List, scope, total, row => row.ToResponse()));
    }

    /// <summary>
    /// A page of a name search, planned for its words (<see cref="EnterpriseFilter.Words"/>): its credit codes found by a
    /// statement planned for the words of each search (<see cref="Searches"/>), and then its enterprises with their holdings
    /// by the read compiled once a day (<see cref="EnterpriseLookup.Listed"/>). Joined to the holdings, the search's statement
    /// took PostgreSQL twice as long to plan (0.30 ms against 0.13 for a pair of characters at a million enterprises, planned
    /// for every search). Enterprises are never deleted, so each code found is read.
    /// </summary>
    private async Task<List<EnterpriseRow>> SearchedAsync(ListedPage shape, Dictionary<string, object?> values, DateOnly today, CancellationToken ct)
    {
        var codes = await searches.Run(db, shape, values).ToListAsync(ct);
        return await EnterpriseLookup.ListedAsync(db, listed, codes, today, ct);
    }
}
