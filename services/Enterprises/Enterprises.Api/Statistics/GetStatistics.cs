using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Validation;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Json;
using SharedKernel.Regions;
using SharedKernel.Time;

namespace Enterprises.Api.Statistics;

/// <summary>GET /api/v1/enterprises/statistics: counts of qualifications per region and type.</summary>
/// <param name="Metric">qualified (default): qualifications held on asOf; granted: qualifications granted from..to.</param>
/// <param name="Type">Only this qualification type; without it, a row per type.</param>
/// <param name="GroupBy">region (the only grouping): every district, 120000 as their sum, and every functional zone apart.</param>
/// <param name="AsOf">For qualified: the day counted (default today). A qualification counts when granted by then, not past its last day, and not revoked on or before it.</param>
/// <param name="From">For granted: first day of the window (default 1 January of the year of <paramref name="To"/>).</param>
/// <param name="To">For granted: last day of the window (default today).</param>
public sealed record GetStatistics(string? Metric, string? Type, string? GroupBy, DateOnly? AsOf, DateOnly? From, DateOnly? To)
    : IQuery<StatisticsResponse>
{
    public const string Qualified = "qualified";
    public const string Granted = "granted";

    public string MetricOrDefault => string.IsNullOrWhiteSpace(Metric) ? Qualified : Metric.Trim();

    public string GroupByOrDefault => string.IsNullOrWhiteSpace(GroupBy) ? "region" : GroupBy.Trim();
}

/// <summary>One count: a region and a qualification type.</summary>
/// <param name="Kind">municipality (the sum of its districts), district, or functionalZone (counted apart, never added to the municipality).</param>
public sealed record StatisticsRow(string RegionCode, string RegionName, string RegionNameEn, RegionKind Kind, QualificationType Type, int Count);

/// <summary>Counts of qualifications per region and type.</summary>
public sealed record StatisticsResponse(string Metric, QualificationType? Type, string GroupBy, DateOnly? AsOf, DateOnly? From, DateOnly? To,
    IReadOnlyList<StatisticsRow> Rows);

internal sealed class GetStatisticsValidator : AbstractValidator<GetStatistics>
{
    public GetStatisticsValidator(TimeProvider clock)
    {
        RuleFor(q => q.Metric).Must((q, _) => q.MetricOrDefault is GetStatistics.Qualified or GetStatistics.Granted)
            .WithMessage(q => $"'{q.MetricOrDefault}' is not one of: qualified, granted.");
        RuleFor(q => q.Type).MustName<GetStatistics, QualificationType>();
        RuleFor(q => q.GroupBy).Must((q, _) => q.GroupByOrDefault == "region").WithMessage("The only grouping is 'region'.");
        When(q => q.MetricOrDefault == GetStatistics.Qualified, () =>
            RuleFor(q => q.From).Must((q, _) => q.From is null && q.To is null)
                .WithMessage("'from' and 'to' apply to metric=granted; use 'asOf'."));
        When(q => q.MetricOrDefault == GetStatistics.Granted, () =>
        {
            RuleFor(q => q.AsOf).Null().WithMessage("'asOf' applies to metric=qualified; use 'from' and 'to'.");
            RuleFor(q => q.From).Must((q, from) => StatisticsWindow.Of(q, clock.Today()) is var (first, last) && first <= last)
                .WithMessage("'from' must not be after 'to'.");
        });
    }
}

/// <summary>The window of metric=granted: to today and from 1 January of the year of 'to' when not given.</summary>
internal static class StatisticsWindow
{
    public static (DateOnly From, DateOnly To) Of(GetStatistics query, DateOnly today)
    {
        var to = query.To ?? today;
        return (query.From ?? new DateOnly(to.Year, 1, 1), to);
    }
}

/// <summary>
/// Reads the counts kept by every write (<see cref="QualificationCount"/>): the qualifications held on a day are what the
/// periods up to it added to the holders; those granted in a window, the grants up to its last day less those before its
/// first. Each reads about fifty rows a group, however large the register.
/// </summary>
internal sealed class GetStatisticsHandler(EnterprisesDbContext db, TimeProvider clock) : IQueryHandler<GetStatistics, StatisticsResponse>
{
    public async ValueTask<StatisticsResponse> Handle(GetStatistics query, CancellationToken cancellationToken)
    {
        var metric = query.MetricOrDefault;
        var type = EnumText.ParseOptional<QualificationType>(query.Type, "type");
        var today = clock.Today();
        DateOnly? asOf = null, from = null, to = null;
        List<GroupCount> groups;
        if (metric == GetStatistics.Qualified)
        {
            var day = (asOf = query.AsOf ?? today).Value;
            groups = await ThroughAsync(day, type, granted: false, cancellationToken);
        }
        else
        {
            var (first, last) = StatisticsWindow.Of(query, today);
            (from, to) = (first, last);
            var before = first == DateOnly.MinValue ? [] : await ThroughAsync(first.AddDays(-1), type, granted: true, cancellationToken);
            groups = [.. await ThroughAsync(last, type, granted: true, cancellationToken), .. before.Select(g => g with { Count = -g.Count })];
        }

        // A group counts toward its district, toward Tianjin (the sum of its districts) and toward its zone, counted apart.
        var counts = new Dictionary<(string Code, QualificationType Type), int>();
        foreach (var group in groups)
        {
            string?[] codes = [group.RegionCode, RegionCodes.Tianjin, group.ZoneCode is "" ? null : group.ZoneCode];
            foreach (var code in codes.OfType<string>())
            {
                counts[(code, group.Type)] = counts.GetValueOrDefault((code, group.Type)) + group.Count;
            }
        }

        var types = type is { } only ? [only] : Enum.GetValues<QualificationType>();
        var rows = (from region in RegionCodes.All
                    from t in types
                    select new StatisticsRow(region.Code, region.Name, region.NameEn, region.Kind, t, counts.GetValueOrDefault((region.Code, t)))).ToList();
        return new StatisticsResponse(metric, type, query.GroupByOrDefault, asOf, from, to, rows);
    }

    private sealed record GroupCount(string RegionCode, string ZoneCode, QualificationType Type, int Count);

    /// <summary>
    /// Per group, what every period up to <paramref name="day"/> added: the grants, or the holders. The years before its
    /// year, the months of its year before its month, and the days of its month up to it.
    /// </summary>
    private Task<List<GroupCount>> ThroughAsync(DateOnly day, QualificationType? type, bool granted, CancellationToken ct)
    {
        int year = QualificationCount.YearOf(day), month = QualificationCount.MonthOf(day), date = QualificationCount.DayOf(day);
        var firstMonth = QualificationCount.MonthOf(new DateOnly(day.Year, 1, 1));
        var firstDay = QualificationCount.DayOf(new DateOnly(day.Year, day.Month, 1));
        return db.QualificationCounts
            .Where(c => c.Period < year || (c.Period >= firstMonth && c.Period < month) || (c.Period >= firstDay && c.Period <= date))
            .Where(c => type == null || c.Type == type)
            .GroupBy(c => new { c.RegionCode, c.ZoneCode, c.Type })
            .Select(g => new GroupCount(g.Key.RegionCode, g.Key.ZoneCode, g.Key.Type, granted ? g.Sum(c => c.Granted) : g.Sum(c => c.Held)))
            .ToListAsync(ct);
    }
}
