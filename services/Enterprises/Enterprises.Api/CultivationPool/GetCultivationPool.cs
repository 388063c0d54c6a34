using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Eligibility;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Validation;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Paging;
using SharedKernel.Time;

namespace Enterprises.Api.CultivationPool;

/// <summary>One page of the cultivation pool, with the year and rule set it was drawn up under.</summary>
/// <param name="Items">The candidates on this page.</param>
/// <param name="Page">The page number, from 1; null on a page reached by cursor.</param>
/// <param name="PageSize">The page size asked for.</param>
/// <param name="TotalCount">How many candidates there are on all pages: with count=true; on a page asked by number (without count) when they are at most 10,000; else null (a full count reads every candidate of the year).</param>
/// <param name="Year">The application year.</param>
/// <param name="MaxMissing">The most criteria a candidate may miss.</param>
/// <param name="RuleSet">The HighTech rule set in force for the year.</param>
/// <param name="NextCursor">The cursor of the next page (pass it as cursor, with the same year, maxMissing and regionCode); null on the last page. Also sent as the Link header (rel="next").</param>
public sealed record CultivationPoolResponse(
    [property: MaxLength(PageQuery.MaxPageSize)] IReadOnlyList<PoolCandidate> Items,
    int? Page,
    int PageSize,
    int? TotalCount,
    int Year,
    int MaxMissing,
    RuleSetResponse RuleSet,
    [property: MaxLength(Cursors.MaxLength)] string? NextCursor);

/// <summary>GET /api/v1/enterprises/cultivation-pool (高企培育库).</summary>
/// <param name="Year">The application year (default: this year), from the first year of the HighTech rules held (2016) to next year.</param>
/// <param name="MaxMissing">The most criteria a candidate may miss, 0–3 (default 1); undetermined ones count as missing.</param>
/// <param name="RegionCode">Only enterprises of this region, the regions below it, or this functional zone.</param>
/// <param name="Page">The page, from 1. Deep pages are cheaper by cursor.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Not accepted: the pool is ordered by the number of criteria missed, then by name.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same year, maxMissing and regionCode; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every candidate counted). Default: on a page asked by number (page=) when the candidates are at most 10,000, not on a first page asked without one or a page reached by cursor.</param>
public sealed record GetCultivationPool(int? Year, int? MaxMissing, string? RegionCode, int? Page, int? PageSize, string? Sort,
    string? Cursor = null, bool? Count = null) : IQuery<CultivationPoolResponse>;

internal sealed class GetCultivationPoolValidator : AbstractValidator<GetCultivationPool>
{
    public GetCultivationPoolValidator(TimeProvider clock)
    {
        RuleFor(q => q.Year).MustBeApplicationYear(clock)
            .Must(year => RuleSetRegistry.Default.InForce(EligibilityType.HighTech, EligibilityInputs.YearOf(year, clock.Today())) is not null)
            .WithMessage(q => $"No HighTech rule set in force for {EligibilityInputs.YearOf(q.Year, clock.Today())} is held; the earliest applies from "
                + $"{RuleSetRegistry.Default.Earliest(EligibilityType.HighTech)!.EffectiveFrom:yyyy-MM-dd}.");
        RuleFor(q => q.MaxMissing).InclusiveBetween(0, CultivationPoolSelector.MaxMaxMissing)
            .WithMessage($"'maxMissing' must be between 0 and {CultivationPoolSelector.MaxMaxMissing}.");
        RuleFor(q => q.RegionCode).MustBeRegion();
        RuleFor(q => q.Sort).Empty().WithMessage("The pool is ordered by the number of criteria missed, then by name.");
    }
}

/// <summary>What decides the statement of a pool page: the region filter's shape and the page's position.</summary>
internal sealed record PoolPage(RegionShape Region, PageShape Page);

/// <summary>What decides the statement that counts the pool's candidates: the region filter's shape, and whether every one is counted.</summary>
internal sealed record CountedPool(RegionShape Region, bool Every);

/// <summary>
/// Reads a page of the precomputed pool (<see cref="PoolEntry"/>): a range of the index on (year, [district or zone,]
/// missing count, name, credit code), from its start, an offset, or after a cursor's position (<see cref="Keyset{T}"/>: a
/// row-value comparison on PostgreSQL, which the index answers as the start of its range). The page and its count are
/// compiled once for each shape (<see cref="PoolPage"/>, <see cref="CountedPool"/>); the year, the most criteria missed
/// and the region's codes are their values. Only the page's enterprises are evaluated again, for the criteria they miss
/// and the figures behind them; one that misses none is shown from its row.
/// </summary>
internal sealed class GetCultivationPoolHandler(EnterprisesDbContext db, TimeProvider clock,
    CompiledQueries<EnterprisesDbContext, int, PageFact> facts, CompiledQueries<EnterprisesDbContext, PoolPage, PoolEntry> pages,
    CompiledQueries<EnterprisesDbContext, CountedPool, PoolEntry> counts)
    : IQueryHandler<GetCultivationPool, CultivationPoolResponse>
{
    private const string CodesValue = "codes";
    private const string YearValue = "year";
    private const string MaxMissingValue = "maxMissing";

    /// <summary>The pool's one order: the fewest criteria missed first, then by name.</summary>
    private const string Order = "missingCount,name";

    private static readonly Keyset<PoolEntry> Keyset = new(new SortFields<PoolEntry>("missingCount", new Dictionary<string, Expression<Func<PoolEntry, object?>>>
    {
        ["missingCount"] = p => p.MissingCount,
        ["name"] = p => p.Name,
        ["creditCode"] = p => p.CreditCode,
    }), "creditCode");

    public async ValueTask<CultivationPoolResponse> Handle(GetCultivationPool query, CancellationToken cancellationToken)
    {
        var year = EligibilityInputs.YearOf(query.Year, clock.Today());
        var maxMissing = query.MaxMissing ?? CultivationPoolSelector.DefaultMaxMissing;
        var list = new ListQuery(query.Page, query.PageSize, Order, query.Cursor, query.Count);
        var rules = RuleSetRegistry.Default.InForce(EligibilityType.HighTech, year)!;
        var region = EnterpriseQuery.Text(query.RegionCode);
        var scope = Cursors.Scope(year.ToString(), maxMissing.ToString(), region);

        var (regionShape, filters) = RegionFilter.Of(region);
        filters[YearValue] = year;
        filters[MaxMissingValue] = maxMissing;
        var position = Keyset.Position(list, scope);
        var values = position.With(filters);
        var read = await pages.Run(db, new PoolPage(regionShape, position.Shape), values).ToListAsync(cancellationToken);

        var total = await QueryableExtensions.TotalCountAsync(
            (every, ct) => counts.CountAsync(db, new CountedPool(regionShape, every), values, ct), list, read.Count, cancellationToken);
        var page = Keyset.ToPage(read, list, scope, total, entry => entry);
        var items = await CandidatesAsync(page.Items, rules, year, maxMissing, cancellationToken);
        return new CultivationPoolResponse(items, page.Page, page.PageSize, page.TotalCount, year, maxMissing, RuleSetResponse.From(rules),
            page.NextCursor);
    }

    /// <summary>The pool's pages, compiled once for each shape (<see cref="PoolPage"/>).</summary>
    public static CompiledQueries<EnterprisesDbContext, PoolPage, PoolEntry> Pages() => new((db, shape, values) =>
        Keyset.Page(Candidates(db, shape.Region, values), shape.Page, KeysetDialects.Of(db.Database), values));

    /// <summary>The pool's counts of candidates (totalCount), compiled once for each shape, as its pages are.</summary>
    public static CompiledQueries<EnterprisesDbContext, CountedPool, PoolEntry> Counts() => new((db, shape, values) =>
        Candidates(db, shape.Region, values).ToCount(shape.Every, KeysetDialects.Of(db.Database)));

    /// <summary>
    /// The year's candidates that miss at most the criteria asked, of a region or the regions below it, or of a functional
    /// zone: one district or one zone is an equality its index leads with.
    /// </summary>
    private static IQueryable<PoolEntry> Candidates(EnterprisesDbContext db, RegionShape region, QueryParameters values) =>
        db.CultivationPool.AsNoTracking()
            .Where(values.Bind((PoolEntry p, int year) => p.Year == year, YearValue))
            .Where(values.Bind((PoolEntry p, int maxMissing) => p.MissingCount <= maxMissing, MaxMissingValue))
            .InRegion(region, values);

    /// <summary>
    /// The enterprises of a page's candidates that miss some criterion, with their reports of the years the rules read for
    /// <c>year</c> (a row for each report, or one without when none), in one statement compiled once for each application
    /// year, whose report years are its literals: as two ordinary queries EF Core walked each of them on every request.
    /// </summary>
    public static CompiledQueries<EnterprisesDbContext, int, PageFact> Facts() => new((db, year, values) =>
    {
        var reports = db.AnnualReports.AsNoTracking()
            .Where(Literals.Bind((AnnualReport r, int from) => r.Year >= from, EligibilityInputs.EarliestReportYear(year)))
            .Where(Literals.Bind((AnnualReport r, int applied) => r.Year < applied, year));
        return from e in db.Enterprises.AsNoTracking().Where(values.Bind((Enterprise e, List<string> codes) => codes.Contains(e.CreditCode), CodesValue))
               from r in reports.Where(r => r.CreditCode == e.CreditCode).DefaultIfEmpty()
               select new PageFact(e.CreditCode, e.FoundedOn, r == null ? null : EligibilityInputs.FiguresOf(r));
    });

    /// <summary>
    /// The page's candidates: those whose row counts no criterion missed as they are (<see cref="CultivationPoolSelector.Eligible"/>:
    /// the row is written in the transaction of every change it depends on), the others evaluated again.
    /// </summary>
    private async Task<IReadOnlyList<PoolCandidate>> CandidatesAsync(IReadOnlyList<PoolEntry> entries, RuleSet rules, int year, int maxMissing,
        CancellationToken ct)
    {
        var eligible = entries.Where(e => e.MissingCount == 0)
            .Select(e => CultivationPoolSelector.Eligible(e.CreditCode, e.Name, e.RegionCode, e.ZoneCode));
        var missing = entries.Where(e => e.MissingCount > 0).ToList();
        IReadOnlyList<PoolInput> evaluated = missing.Count == 0 ? [] : await EvaluateAsync(missing, rules, year, ct);
        return CultivationPoolSelector.Select(evaluated, maxMissing, eligible);
    }

    /// <summary>Entries evaluated again for the year, from the register: the criteria they miss and the figures behind them.</summary>
    private async Task<IReadOnlyList<PoolInput>> EvaluateAsync(List<PoolEntry> entries, RuleSet rules, int year, CancellationToken ct)
    {
        var codes = entries.ConvertAll(e => e.CreditCode);
        var read = await facts.Run(db, year, new Dictionary<string, object?> { [CodesValue] = codes }).ToListAsync(ct);
        var founded = read.DistinctBy(f => f.CreditCode).ToDictionary(f => f.CreditCode, f => f.FoundedOn);
        var reports = read.Where(f => f.Report is not null).ToLookup(f => f.CreditCode, f => f.Report!);
        return entries.Where(e => founded.ContainsKey(e.CreditCode)).Select(e => new PoolInput(e.CreditCode, e.Name, e.RegionCode, e.ZoneCode,
            rules.Evaluate(new EnterpriseFacts(founded[e.CreditCode]), reports[e.CreditCode], year))).ToList();
    }
}

/// <summary>An enterprise of a pool page, with one of its reports of the years the rules read, or none.</summary>
internal sealed record PageFact(string CreditCode, DateOnly FoundedOn, ReportFigures? Report);
