using System.Linq.Expressions;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using SharedKernel.Regions;

namespace Enterprises.Api.Enterprises;

/// <summary>The filters of the enterprise list, shared by its JSON pages and its CSV export (validated before they get here).</summary>
internal static class EnterpriseQuery
{
    /// <summary>The projection of <see cref="AsListed"/> for the last day it was asked for.</summary>
    private static ListedProjection? listedToday;

    /// <summary>The enterprises that match the filters of <paramref name="filter"/>, their values read from <paramref name="values"/>.</summary>
    /// <remarks>
    /// On PostgreSQL the holders of a qualification that filters alone are joined, not tested with EXISTS: it then reads
    /// them from their index in credit code order and looks up each one's enterprise, where for EXISTS it walked the
    /// register in that order, reading every enterprise, to find the one in twenty that holds HighTech (943 enterprises
    /// read for a page of 50). A join is the same set because an enterprise holds at most one valid qualification of a
    /// type on a day (a grant whose term overlaps a valid one of its type is refused, <see cref="Enterprise.Grant"/>).
    /// Beside another filter (a district, a zone, an industry, a name search) the holders are tested with EXISTS: the join
    /// walked the holders from the type's first and looked up their enterprises to find those of the district, and credit
    /// codes begin with the district that registered them, so the district's holders came last: Gazelle enterprises in
    /// Jinghai (120118), 6,112 holders looked up for a page of 51, 44 ms a request at a million enterprises, against 10 ms
    /// for EXISTS, which walks the district's enterprises in the same order (the statements of six pairs of a type and a
    /// district: 0.2–8.2 ms against 0.4–107 ms).
    /// SQLite keeps EXISTS throughout: for the join it read every valid qualification of every type and sorted them for
    /// each page.
    /// The qualification type is a literal of the statement (a statement for each of the six), as the day of
    /// <see cref="Qualification.HeldOn"/> is: with either as a parameter PostgreSQL planned a first page again on every request.
    /// </remarks>
    public static IQueryable<Enterprise> Apply(EnterprisesDbContext db, EnterpriseFilter filter, QueryParameters values)
    {
        var query = db.Enterprises.AsNoTracking().InRegion(filter.Region, values);
        if (filter.Zone)
        {
            query = query.Where(values.Bind((Enterprise e, string zone) => e.ZoneCode == zone, FilterValues.Zone));
        }

        if (filter.Held is { } type)
        {
            Expression<Func<Qualification, bool>> onPage = filter.AfterDescending switch
            {
                false => values.Bind((Qualification q, string code) => string.Compare(q.CreditCode, code) > 0, FilterValues.After),
                true => values.Bind((Qualification q, string code) => string.Compare(q.CreditCode, code) < 0, FilterValues.After),
                null => q => true,
            };
            var ofType = Literals.Bind((Qualification q, QualificationType t) => q.Type == t, type);
            var holders = db.Qualifications.Where(Qualification.HeldOn(filter.Today)).Where(onPage).Where(ofType);
            if (filter.Within is { } within)
            {
                holders = within.Holding(holders);
            }

            query = db.Database.IsPostgres() && filter.HoldersAlone
                ? query.Join(holders, e => e.CreditCode, q => q.CreditCode, (e, _) => e)
                : query.Where(e => holders.Any(q => q.CreditCode == e.CreditCode));
        }

        if (filter.Industry)
        {
            query = query.Where(values.Bind((Enterprise e, string industry) => e.Industry == industry, FilterValues.Industry));
        }

        return filter.Words is { } words ? query.Named(db, words, values) : query;
    }

    /// <summary>
    /// <see cref="Apply(EnterprisesDbContext, EnterpriseFilter, QueryParameters)"/> of the list's filters, as an ordinary query:
    /// every match, for the CSV export.
    /// </summary>
    public static IQueryable<Enterprise> Apply(EnterprisesDbContext db, ListEnterprises filter, DateOnly today)
    {
        var (shape, values) = EnterpriseFilter.Of(filter, today, after: null, within: null);
        return Apply(db, shape, QueryParameters.Holding(values));
    }

    /// <summary>
    /// Whether a page is read on a generic plan (<see cref="QueryPlans"/>): a page after a cursor in credit code order,
    /// filtered by a qualification alone. Its holders are joined from the cursor on, and PostgreSQL
    /// planned that join again for every cursor (0.4–0.8 ms, more than running it); one plan serves every cursor, as
    /// the qualification's type and the day are literals of the statement. At a million enterprises, 10,000 HighTech
    /// holders in, PostgreSQL's CPU for the page went from 1,060–1,300 µs to 470–670 µs a request with the setting in a
    /// transaction of the page's own; with the setting sent in the page's own command (one round trip for three, no
    /// BEGIN or COMMIT), the service's CPU for the page went from 727 µs to 604 µs and PostgreSQL's from 615 µs to 525 µs
    /// (a slower machine, medians of six interleaved runs).
    /// </summary>
    public static bool PlannedOnce(EnterpriseFilter filter) => filter is { AfterDescending: not null, HoldersAlone: true };

    /// <summary>The filters as they are applied, to which the list's cursors are bound.</summary>
    public static string Scope(ListEnterprises filter) => Cursors.Scope(Text(filter.RegionCode), Text(filter.ZoneCode),
        EnumText.ParseOptional<QualificationType>(filter.Qualification, "qualification")?.ToString(), Text(filter.Industry), Text(filter.Q));

    /// <summary>
    /// With the qualifications and designations each enterprise holds today, as entities, for the commands that
    /// change an enterprise and answer with it. One query: an enterprise holds at most six qualifications and four
    /// designations at once, so their product is small, and a single query reads a consistent state.
    /// </summary>
    public static IQueryable<Enterprise> WithCurrentHoldings(this IQueryable<Enterprise> query, DateOnly today)
    {
        var heldToday = Qualification.HeldOn(today);
        return query.Include(e => e.Qualifications.AsQueryable().Where(heldToday))
            .Include(e => e.Designations.AsQueryable().Where(Designation.IsCurrent))
            .AsSingleQuery();
    }

    /// <summary>
    /// Each enterprise as the reads show it, with the qualifications and designations it holds today, in the same
    /// query (one consistent state, as <see cref="WithCurrentHoldings"/>) but only the columns their summaries carry:
    /// a row for each pair of them, or for the enterprise alone, as <see cref="ToListedAsync"/> gathers them. Flat rows,
    /// not collections projected from each enterprise: EF Core materialises a projected collection through delegates it
    /// creates again for every row, a tenth of the list's CPU.
    /// </summary>
    public static IQueryable<ListedRow> AsListed(this IQueryable<Enterprise> query, DateOnly today)
    {
        var listed = ListedOn(today);
        return query.Provider.CreateQuery<ListedRow>(new ParameterReplacer(listed.Parameters[0], query.Expression).Visit(listed.Body));
    }

    /// <summary>
    /// <see cref="AsListed"/> of any query of enterprises, built once a day: the C# compiler builds a query's lambdas
    /// anew on every call (reflection and checks included), which cost the list about a twentieth of its CPU; a day's
    /// projection is the same for every request, which only puts its query in place of the parameter.
    /// </summary>
    private static Expression<Func<IQueryable<Enterprise>, IQueryable<ListedRow>>> ListedOn(DateOnly today)
    {
        if (listedToday is { } cached && cached.Day == today)
        {
            return cached.Projection;
        }

        var heldToday = Qualification.HeldOn(today);
        Expression<Func<IQueryable<Enterprise>, IQueryable<ListedRow>>> projection = query =>
            from e in query
            from q in e.Qualifications.AsQueryable().Where(heldToday).DefaultIfEmpty()
            from d in e.Designations.AsQueryable().Where(Designation.IsCurrent).DefaultIfEmpty()
            select new ListedRow(e,
                q == null ? null : new QualificationSummary(q.Id, q.Type, q.GrantedOn, q.ExpiresOn),
                d == null ? null : new DesignationSummary(d.Id, d.Kind, d.Board, d.Since));
        listedToday = new ListedProjection(today, projection);
        return projection;
    }

    private sealed record ListedProjection(DateOnly Day, Expression<Func<IQueryable<Enterprise>, IQueryable<ListedRow>>> Projection);

    /// <summary>
    /// The enterprises of <see cref="AsListed"/>'s rows, in their order, each with what it holds, each summary once. The
    /// rows of one enterprise come together: every order of the enterprises ends with their credit code, which no two share.
    /// </summary>
    public static async Task<List<EnterpriseRow>> ToListedAsync(this IAsyncEnumerable<ListedRow> rows, CancellationToken ct)
    {
        var listed = new List<EnterpriseRow>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (listed.Count == 0 || listed[^1].Enterprise.CreditCode != row.Enterprise.CreditCode)
            {
                listed.Add(new EnterpriseRow(row.Enterprise, [], []));
            }

            var (_, qualifications, designations) = listed[^1];
            if (row.Qualification is { } q && !qualifications.Exists(held => held.Id == q.Id))
            {
                qualifications.Add(q);
            }

            if (row.Designation is { } d && !designations.Exists(held => held.Id == d.Id))
            {
                designations.Add(d);
            }
        }

        return listed;
    }

    /// <summary>
    /// Enterprises registered in a known region or below it, or sitting in it when it is a functional zone. An
    /// enterprise is registered in a district and may sit in a zone, so a district (or the districts below a
    /// region) is a condition on RegionCode alone and a zone one on ZoneCode alone; one code is an equality,
    /// which an index on (RegionCode, CreditCode) answers in the list's order.
    /// </summary>
    public static IQueryable<Enterprise> InRegion(this IQueryable<Enterprise> query, string regionCode)
    {
        var (shape, values) = RegionFilter.Of(regionCode);
        return query.InRegion(shape, QueryParameters.Holding(values));
    }

    /// <summary>
    /// <see cref="InRegion(IQueryable{Enterprise}, string)"/> of a region's shape, its codes read from <paramref name="values"/>,
    /// for any row sited in a region (the register, the cultivation pool).
    /// </summary>
    public static IQueryable<T> InRegion<T>(this IQueryable<T> query, RegionShape region, QueryParameters values) where T : class, ISitedInRegion =>
        region switch
        {
            RegionShape.None => query,
            RegionShape.District => query.Where(values.Bind((T row, string district) => row.RegionCode == district, FilterValues.District)),
            RegionShape.Zone => query.Where(values.Bind((T row, string zone) => row.ZoneCode == zone, FilterValues.RegionZone)),
            RegionShape.Districts => query.Where(values.Bind((T row, List<string> districts) => districts.Contains(row.RegionCode), FilterValues.Districts)),
            RegionShape.Zones => query.Where(values.Bind((T row, List<string> zones) => row.ZoneCode != null && zones.Contains(row.ZoneCode),
                FilterValues.Zones)),
            _ => query.Where(Joined(values.Bind((T row, List<string> districts) => districts.Contains(row.RegionCode), FilterValues.Districts),
                values.Bind((T row, List<string> zones) => row.ZoneCode != null && zones.Contains(row.ZoneCode), FilterValues.Zones), Expression.OrElse)),
        };

    /// <summary>
    /// Both conditions on one row, joined by <paramref name="join"/> (<see cref="Expression.AndAlso(Expression, Expression)"/>
    /// or <see cref="Expression.OrElse(Expression, Expression)"/>).
    /// </summary>
    public static Expression<Func<T, bool>> Joined<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right,
        Func<Expression, Expression, BinaryExpression> join) =>
        Expression.Lambda<Func<T, bool>>(join(left.Body, new ParameterReplacer(right.Parameters[0], left.Parameters[0]).Visit(right.Body)),
            left.Parameters[0]);

    /// <summary>The districts and the functional zones a known region stands for: itself, or the regions below it.</summary>
    public static (List<string> Districts, List<string> Zones) DistrictsAndZones(string regionCode)
    {
        var within = RegionCodes.Within(regionCode.Trim());
        var zones = within.Where(code => RegionCodes.Find(code)?.Kind == RegionKind.FunctionalZone).ToList();
        return (within.Except(zones).ToList(), zones);
    }

    /// <summary>A free-text filter, trimmed, or null when blank (NUL characters never get here: ServiceDefaults refuses them).</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
