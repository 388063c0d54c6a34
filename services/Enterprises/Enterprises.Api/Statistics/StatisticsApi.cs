using SharedKernel.Errors;
using SharedKernel.Time;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Json;
using ServiceDefaults.Problems;
using SharedKernel.Regions;

namespace Enterprises.Api.Statistics;

/// <summary>Query of GET /api/v1/enterprises/statistics.</summary>
/// <param name="Metric">qualified (default): qualifications held on asOf; granted: qualifications granted from..to.</param>
/// <param name="Type">Only this qualification type; without it, a row per type.</param>
/// <param name="GroupBy">region (the only grouping): every district, 120000 as their sum, and every functional zone apart.</param>
/// <param name="AsOf">For qualified: the day counted (default today). A qualification counts when granted by then, not past its last day, and not revoked on or before it.</param>
/// <param name="From">For granted: first day of the window (default 1 January of the year of <paramref name="To"/>).</param>
/// <param name="To">For granted: last day of the window (default today).</param>
public sealed record StatisticsQuery(string? Metric, string? Type, string? GroupBy, DateOnly? AsOf, DateOnly? From, DateOnly? To);

/// <summary>One count: a region and a qualification type.</summary>
/// <param name="Kind">municipality (the sum of its districts), district, or functionalZone (counted apart, never added to the municipality).</param>
public sealed record StatisticsRow(string RegionCode, string RegionName, string RegionNameEn, RegionKind Kind, QualificationType Type, int Count);

/// <summary>Counts of qualifications per region and type.</summary>
public sealed record StatisticsResponse(string Metric, QualificationType? Type, string GroupBy, DateOnly? AsOf, DateOnly? From, DateOnly? To,
    IReadOnlyList<StatisticsRow> Rows);

/// <summary>Aggregate statistics: public documents (政务公开), readable without a token.</summary>
public static class StatisticsApi
{
    public static RouteHandlerBuilder MapStatisticsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/enterprises/statistics", GetStatistics).WithTags("Statistics").WithName("GetEnterpriseStatistics")
            .WithSummary("Qualifications held on a day (metric=qualified) or granted in a window (metric=granted), per district, Tianjin and zone")
            .AllowAnonymous();

    private static async Task<Ok<StatisticsResponse>> GetStatistics([AsParameters] StatisticsQuery query, EnterprisesDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var metric = string.IsNullOrWhiteSpace(query.Metric) ? "qualified" : query.Metric.Trim();
        var groupBy = string.IsNullOrWhiteSpace(query.GroupBy) ? "region" : query.GroupBy.Trim();
        var type = EnumText.ParseOptional<QualificationType>(query.Type, "type");
        Require(groupBy == "region", "groupBy", "The only grouping is 'region'.");
        var today = clock.Today();
        var facts = from q in db.Qualifications
                    join e in db.Enterprises on q.CreditCode equals e.CreditCode
                    where type == null || q.Type == type
                    select new { q.Type, q.GrantedOn, q.ExpiresOn, q.RevokedOn, e.RegionCode, e.ZoneCode };
        DateOnly? asOf = null, from = null, to = null;
        switch (metric)
        {
            case "qualified":
                Require(query.From is null && query.To is null, "from", "'from' and 'to' apply to metric=granted; use 'asOf'.");
                var day = (asOf = query.AsOf ?? today).Value;
                facts = facts.Where(f => f.GrantedOn <= day && f.ExpiresOn >= day && (f.RevokedOn == null || f.RevokedOn > day));
                break;
            case "granted":
                Require(query.AsOf is null, "asOf", "'asOf' applies to metric=qualified; use 'from' and 'to'.");
                var last = (to = query.To ?? today).Value;
                var first = (from = query.From ?? new DateOnly(last.Year, 1, 1)).Value;
                Require(first <= last, "from", "'from' must not be after 'to'.");
                facts = facts.Where(f => f.GrantedOn >= first && f.GrantedOn <= last);
                break;
            default:
                Require(false, "metric", $"'{metric}' is not one of: qualified, granted.");
                break;
        }

        var byDistrict = await facts.GroupBy(f => new { Code = f.RegionCode, f.Type })
            .Select(g => new { g.Key.Code, g.Key.Type, Count = g.Count() }).ToListAsync(ct);
        var byZone = await facts.Where(f => f.ZoneCode != null).GroupBy(f => new { Code = f.ZoneCode!, f.Type })
            .Select(g => new { g.Key.Code, g.Key.Type, Count = g.Count() }).ToListAsync(ct);
        var counts = byDistrict.Concat(byZone).ToDictionary(c => (c.Code, c.Type), c => c.Count);
        var types = type is { } only ? [only] : Enum.GetValues<QualificationType>();
        var rows = (from region in RegionCodes.All
                    from t in types
                    let count = region.Kind == RegionKind.Municipality
                        ? byDistrict.Where(c => c.Type == t).Sum(c => c.Count)
                        : counts.GetValueOrDefault((region.Code, t))
                    select new StatisticsRow(region.Code, region.Name, region.NameEn, region.Kind, t, count)).ToList();
        return TypedResults.Ok(new StatisticsResponse(metric, type, groupBy, asOf, from, to, rows));
    }

    private static void Require(bool condition, string parameter, string message)
    {
        if (!condition)
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, message, new Dictionary<string, string[]> { [parameter] = [message] });
        }
    }
}
