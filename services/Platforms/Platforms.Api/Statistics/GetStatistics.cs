using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Catalog;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using Platforms.Api.Platforms;
using Platforms.Api.Validation;
using SharedKernel.Regions;
using SharedKernel.Time;

namespace Platforms.Api.Statistics;

/// <summary>GET /api/v1/platforms/statistics: counts of platforms (or of their tenants) by region, type and level, on a day.</summary>
/// <param name="Metric">active (default): platforms active on asOf; tenants: tenants there on asOf, of platforms active or suspended then.</param>
/// <param name="Type">Only this type.</param>
/// <param name="Level">Only this level: national, municipal or district.</param>
/// <param name="RegionCode">Only platforms of this region and below (a zone code: of that zone).</param>
/// <param name="Abroad">true: only platforms abroad; false: only those in China.</param>
/// <param name="GroupBy">Comma-separated: region, type, level (default region,type). By region: each district, 120000 as their sum, and each functional zone apart.</param>
/// <param name="AsOf">The day counted (default today), read from the dated status history.</param>
public sealed record GetStatistics(string? Metric, string? Type, string? Level, string? RegionCode, bool? Abroad, string? GroupBy, DateOnly? AsOf)
    : IQuery<StatisticsResponse>
{
    public const string Active = "active";
    public const string Tenants = "tenants";
    public static readonly IReadOnlyList<string> Dimensions = ["region", "type", "level"];

    public string MetricOrDefault => Rules.Text(Metric) ?? Active;

    public IReadOnlyList<string> GroupByOrDefault => Rules.Text(GroupBy) is { } given
        ? given.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : ["region", "type"];
}

/// <summary>One count. Dimensions not grouped by are null.</summary>
/// <param name="RegionKind">municipality (the sum of its districts), district, or functionalZone (counted apart, never added to the municipality).</param>
public sealed record StatisticsRow(string? RegionCode, string? RegionName, RegionKind? RegionKind, string? Type, string? TypeName,
    PlatformLevel? Level, int Count);

/// <summary>Counts by the dimensions asked for; combinations with nothing to count are left out.</summary>
/// <param name="Total">Everything counted, each platform (or tenant) once.</param>
public sealed record StatisticsResponse(string Metric, DateOnly AsOf, IReadOnlyList<string> GroupBy, string? Type, PlatformLevel? Level,
    string? RegionCode, bool? Abroad, int Total, IReadOnlyList<StatisticsRow> Rows);

internal sealed class GetStatisticsValidator : AbstractValidator<GetStatistics>
{
    public GetStatisticsValidator(PlatformCatalog catalog)
    {
        RuleFor(q => q.Metric).Must((q, _) => q.MetricOrDefault is GetStatistics.Active or GetStatistics.Tenants)
            .WithMessage(q => $"'{q.MetricOrDefault}' is not one of: active, tenants.");
        RuleFor(q => q.Type).Must(type => Rules.Text(type) is null || catalog.Find(type) is not null)
            .WithMessage(q => $"'{q.Type}' is not a platform type; use one of: {catalog.Keys}.");
        RuleFor(q => q.Level).MustName<GetStatistics, PlatformLevel>();
        RuleFor(q => q.RegionCode).MustBeRegion();
        RuleFor(q => q.GroupBy).Must((q, _) => q.GroupByOrDefault.All(GetStatistics.Dimensions.Contains)
                && q.GroupByOrDefault.Distinct().Count() == q.GroupByOrDefault.Count)
            .WithMessage("Group by region, type and level, each at most once, comma-separated (e.g. region,type).");
        RuleFor(q => q.AsOf).GreaterThanOrEqualTo(new DateOnly(1978, 1, 1));
    }
}

internal sealed class GetStatisticsHandler(PlatformsDbContext db, PlatformCatalog catalog, TimeProvider clock)
    : IQueryHandler<GetStatistics, StatisticsResponse>
{
    public async ValueTask<StatisticsResponse> Handle(GetStatistics query, CancellationToken cancellationToken)
    {
        var day = query.AsOf ?? clock.Today();
        var type = catalog.Find(Rules.Text(query.Type));
        var level = Rules.Parse<PlatformLevel>(query.Level, "level");
        var platforms = db.Platforms.AsNoTracking();
        if (type is not null)
        {
            platforms = platforms.Where(p => p.Type == type.Key);
        }

        if (level is not null)
        {
            platforms = platforms.Where(p => p.Level == level);
        }

        if (Rules.Text(query.RegionCode) is { } region)
        {
            platforms = platforms.InRegion(region);
        }

        if (query.Abroad is { } abroad)
        {
            platforms = abroad ? platforms.Where(p => p.AbroadCountry != null) : platforms.Where(p => p.AbroadCountry == null);
        }

        // The status each platform had on the day: its last history entry by then (the later recorded of one day's two).
        var withStatus = platforms.Select(p => new
        {
            Platform = p,
            Status = db.StatusChanges.Where(c => c.PlatformId == p.Id && c.On <= day)
                .OrderByDescending(c => c.On).ThenByDescending(c => c.Id).Select(c => (PlatformStatus?)c.To).FirstOrDefault(),
        });
        var facts = query.MetricOrDefault == GetStatistics.Active
            ? withStatus.Where(s => s.Status == PlatformStatus.Active).Select(s => s.Platform)
            : from t in db.Tenants
              join s in withStatus on t.PlatformId equals s.Platform.Id
              where (s.Status == PlatformStatus.Active || s.Status == PlatformStatus.Suspended)
                    && t.AdmittedOn <= day && (t.GraduatedOn == null || t.GraduatedOn > day)
              select s.Platform;
        var counts = await facts.GroupBy(p => new { p.RegionCode, p.ZoneCode, p.Type, p.Level })
            .Select(g => new Count(g.Key.RegionCode, g.Key.ZoneCode, g.Key.Type, g.Key.Level, g.Count()))
            .ToListAsync(cancellationToken);
        var groupBy = query.GroupByOrDefault;
        return new StatisticsResponse(query.MetricOrDefault, day, groupBy, type?.Key, level, Rules.Text(query.RegionCode), query.Abroad,
            counts.Sum(c => c.N), Rows(counts, groupBy));
    }

    private List<StatisticsRow> Rows(List<Count> counts, IReadOnlyList<string> groupBy)
    {
        var (byRegion, byType, byLevel) = (groupBy.Contains("region"), groupBy.Contains("type"), groupBy.Contains("level"));
        var cells = new Dictionary<(string? Region, string? Type, PlatformLevel? Level), int>();
        foreach (var count in counts)
        {
            // A district's platforms count in it and in the municipality; a zone's count in the zone as well, never twice in the municipality.
            IEnumerable<string?> regions = byRegion ? [count.RegionCode, RegionCodes.Tianjin, count.ZoneCode] : [null];
            foreach (var region in regions.Where(r => !byRegion || r is not null))
            {
                var key = (region, byType ? count.Type : null, byLevel ? count.Level : (PlatformLevel?)null);
                cells[key] = cells.GetValueOrDefault(key) + count.N;
            }
        }

        var regionOrder = RegionCodes.All.Select((r, i) => (r.Code, i)).ToDictionary(x => x.Code, x => x.i);
        var typeOrder = catalog.All.Select((t, i) => (t.Key, i)).ToDictionary(x => x.Key, x => x.i);
        return cells.OrderBy(c => c.Key.Region is null ? -1 : regionOrder[c.Key.Region])
            .ThenBy(c => c.Key.Type is null ? -1 : typeOrder.GetValueOrDefault(c.Key.Type, int.MaxValue))
            .ThenBy(c => c.Key.Level)
            .Select(c =>
            {
                var region = RegionCodes.Find(c.Key.Region);
                return new StatisticsRow(region?.Code, region?.Name, region?.Kind, c.Key.Type,
                    c.Key.Type is null ? null : catalog.Find(c.Key.Type)?.Name, c.Key.Level, c.Value);
            }).ToList();
    }

    private sealed record Count(string RegionCode, string? ZoneCode, string Type, PlatformLevel Level, int N);
}
