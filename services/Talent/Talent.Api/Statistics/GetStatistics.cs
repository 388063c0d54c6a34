using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SharedKernel.Regions;
using SharedKernel.Time;
using Talent.Api.Data;
using Talent.Api.Domain;
using Talent.Api.Programmes;
using Talent.Api.Validation;

namespace Talent.Api.Statistics;

/// <summary>GET /api/v1/talents/statistics: how many people, per district or per nationality. Public; never a cell of fewer than five people.</summary>
/// <param name="Metric">recognized (default): people holding a recognition on asOf; commissioners: people serving as commissioner on asOf; excellentCommissioners: commissioners appraised excellent (优秀) for year.</param>
/// <param name="Programme">recognized only: only this programme.</param>
/// <param name="Year">recognized: only recognitions of this year; excellentCommissioners: the year appraised (default the current one).</param>
/// <param name="AsOf">recognized and commissioners: the day counted (default today).</param>
/// <param name="GroupBy">region (default: every district, and Tianjin counting each person once) or nationality (CN, each other nationality of at least five people, and the rest together as other).</param>
public sealed record GetStatistics(string? Metric, string? Programme, int? Year, DateOnly? AsOf, string? GroupBy) : IQuery<StatisticsResponse>
{
    public const string Recognized = "recognized";
    public const string Commissioners = "commissioners";
    public const string ExcellentCommissioners = "excellentCommissioners";

    public string MetricOrDefault => ParameterRules.Text(Metric) ?? Recognized;

    public string GroupByOrDefault => ParameterRules.Text(GroupBy) ?? "region";
}

/// <summary>One cell: a region or nationality and how many people it counts.</summary>
/// <param name="Key">A region code (120000 is the total), a nationality code, other (the nationalities of fewer than five people together) or total.</param>
/// <param name="Count">How many people; null when suppressed.</param>
/// <param name="Suppressed">True when the count is withheld: it is below five, or would give back one that is.</param>
public sealed record StatisticsRow(string Key, string Name, string? NameEn, int? Count, bool Suppressed);

/// <summary>Counts of people, with small cells suppressed.</summary>
/// <param name="Threshold">The smallest count ever published, other than zero.</param>
public sealed record StatisticsResponse(string Metric, string? Programme, int? Year, DateOnly? AsOf, string GroupBy, int Threshold,
    IReadOnlyList<StatisticsRow> Rows);

internal sealed class GetStatisticsValidator : AbstractValidator<GetStatistics>
{
    public GetStatisticsValidator(ProgrammeCatalog programmes)
    {
        RuleFor(q => q.Metric).Must((q, _) => q.MetricOrDefault is GetStatistics.Recognized or GetStatistics.Commissioners or GetStatistics.ExcellentCommissioners)
            .WithMessage(q => $"'{q.MetricOrDefault}' is not one of: recognized, commissioners, excellentCommissioners.");
        RuleFor(q => q.GroupBy).Must((q, _) => q.GroupByOrDefault is "region" or "nationality").WithMessage("Group by region or nationality.");
        RuleFor(q => q.Programme).Must(p => string.IsNullOrWhiteSpace(p) || programmes.Find(p) is not null)
            .WithMessage("Not a programme of GET /api/v1/talent-programmes.");
        RuleFor(q => q.Programme).Empty().When(q => q.MetricOrDefault != GetStatistics.Recognized)
            .WithMessage("'programme' applies to metric=recognized.");
        RuleFor(q => q.Year).InclusiveBetween(1949, 2100);
        RuleFor(q => q.AsOf).Null().When(q => q.MetricOrDefault == GetStatistics.ExcellentCommissioners)
            .WithMessage("'asOf' does not apply to metric=excellentCommissioners; use 'year'.");
        RuleFor(q => q.Year).Null().When(q => q.MetricOrDefault == GetStatistics.Commissioners)
            .WithMessage("'year' does not apply to metric=commissioners; use 'asOf'.");
    }
}

/// <summary>
/// Counts distinct people, so that a person with two recognitions counts once. Functional zones are
/// left out on purpose: they overlap the districts, and a zone's count taken from its district's would
/// be a group of people no suppression here has looked at.
/// </summary>
internal sealed class GetStatisticsHandler(TalentDbContext db, ProgrammeCatalog programmes, TimeProvider clock)
    : IQueryHandler<GetStatistics, StatisticsResponse>
{
    private const string Other = "other";

    public async ValueTask<StatisticsResponse> Handle(GetStatistics query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var metric = query.MetricOrDefault;
        var programme = programmes.Find(query.Programme);
        DateOnly? asOf = metric == GetStatistics.ExcellentCommissioners ? null : query.AsOf ?? today;
        var year = metric == GetStatistics.ExcellentCommissioners ? query.Year ?? today.Year : query.Year;
        var facts = Facts(metric, programme?.Code, year, asOf);
        var byNationality = query.GroupByOrDefault == "nationality";
        var counts = await (byNationality
                ? facts.GroupBy(f => f.Nationality).Select(g => new { g.Key, Count = g.Select(f => f.TalentId).Distinct().Count() })
                : facts.GroupBy(f => f.RegionCode).Select(g => new { g.Key, Count = g.Select(f => f.TalentId).Distinct().Count() }))
            .ToDictionaryAsync(c => c.Key, c => c.Count, cancellationToken);
        var total = await facts.Select(f => f.TalentId).Distinct().CountAsync(cancellationToken);
        var rows = byNationality ? NationalityRows(counts, total) : RegionRows(counts, total);
        return new StatisticsResponse(metric, programme?.Code, year, asOf, query.GroupByOrDefault, SmallCells.Threshold, rows);
    }

    /// <summary>One person counted somewhere (an initializer, not a constructor, so that EF can group by its members).</summary>
    private sealed class Fact
    {
        public Guid TalentId { get; init; }
        public string RegionCode { get; init; } = null!;
        public string Nationality { get; init; } = null!;
    }

    private IQueryable<Fact> Facts(string metric, string? programme, int? year, DateOnly? asOf)
    {
        if (metric == GetStatistics.Recognized)
        {
            var day = asOf!.Value;
            var recognitions = db.Recognitions.Where(r => (r.RecognizedOn != null ? r.RecognizedOn <= day : r.Year <= day.Year)
                && (r.RevokedOn == null || r.RevokedOn > day));
            if (programme is not null)
            {
                recognitions = recognitions.Where(r => r.Programme == programme);
            }

            if (year is { } y)
            {
                recognitions = recognitions.Where(r => r.Year == y);
            }

            return recognitions.Select(r => new Fact { TalentId = r.TalentId, RegionCode = r.RegionCode, Nationality = r.Nationality });
        }

        var assignments = metric == GetStatistics.Commissioners
            ? db.CommissionerAssignments.Where(a => a.StartsOn <= asOf!.Value && a.EndsOn >= asOf.Value)
            : db.CommissionerAssignments.Where(a => a.Appraisals.Any(x => x.Year == year && x.Grade == AppraisalGrade.Excellent));
        return assignments.Select(a => new Fact { TalentId = a.TalentId, RegionCode = a.RegionCode, Nationality = a.Nationality });
    }

    private static List<StatisticsRow> RegionRows(IReadOnlyDictionary<string, int> counts, int total)
    {
        var districts = RegionCodes.All.Where(r => r.Kind == RegionKind.District).ToList();
        var (parts, shownTotal) = SmallCells.Suppress(districts.Select(d => counts.GetValueOrDefault(d.Code)).ToList(), total);
        var tianjin = RegionCodes.Find(RegionCodes.Tianjin)!;
        return
        [
            new(tianjin.Code, tianjin.Name, tianjin.NameEn, shownTotal, shownTotal is null),
            .. districts.Select((d, i) => new StatisticsRow(d.Code, d.Name, d.NameEn, parts[i], parts[i] is null)),
        ];
    }

    private static List<StatisticsRow> NationalityRows(IReadOnlyDictionary<string, int> counts, int total)
    {
        // CN is always a row of its own, even when nobody counts.
        var cells = SmallCells.MergeSmall(counts.Select(c => (c.Key, c.Value))
            .Concat(counts.ContainsKey(Nationalities.China) ? [] : [(Nationalities.China, 0)]), Other, Nationalities.China);
        var (parts, shownTotal) = SmallCells.Suppress(cells.Select(c => c.Count).ToList(), total);
        return
        [
            new("total", "合计", "Total", shownTotal, shownTotal is null),
            .. cells.Select((c, i) => new StatisticsRow(c.Key, c.Key == Other ? "其他" : c.Key, c.Key == Other ? "Other nationalities" : null,
                parts[i], parts[i] is null)),
        ];
    }
}
