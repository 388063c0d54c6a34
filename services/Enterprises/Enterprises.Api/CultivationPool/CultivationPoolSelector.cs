using Enterprises.Api.Eligibility;

namespace Enterprises.Api.CultivationPool;

/// <summary>A criterion an enterprise does not (yet) meet, and by how much.</summary>
/// <param name="Code">The criterion.</param>
/// <param name="Description">The criterion in words.</param>
/// <param name="Passed">false when it failed on known figures; null when a figure, report or threshold is missing.</param>
/// <param name="Value">The enterprise's value, in the threshold's unit (null for dates and unknowns).</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="ShortBy">How far the value is from the threshold, in <paramref name="ShortByUnit"/>; null when undetermined.</param>
/// <param name="ShortByUnit">The threshold's unit, or days for a date threshold.</param>
/// <param name="Note">Why it is undetermined, or a limit of the assessment.</param>
/// <param name="Figures">The figures used.</param>
public sealed record Shortfall(
    string Code,
    string Description,
    bool? Passed,
    decimal? Value,
    Threshold Threshold,
    decimal? ShortBy,
    string? ShortByUnit,
    string? Note,
    IReadOnlyList<Figure> Figures);

/// <summary>An enterprise and its evaluation, as the pool considers it.</summary>
public sealed record PoolInput(string CreditCode, string Name, string RegionCode, string? ZoneCode, EligibilityEvaluation Evaluation);

/// <summary>An enterprise in the cultivation pool (高企培育库).</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Name">Its registered name.</param>
/// <param name="RegionCode">Its district.</param>
/// <param name="ZoneCode">Its functional zone, if any.</param>
/// <param name="MissingCount">How many criteria it fails or cannot be shown to meet.</param>
/// <param name="Verdict">The HighTech verdict for the year.</param>
/// <param name="Missing">Those criteria, with the gap to each threshold.</param>
/// <param name="MissingReports">Report years the rules needed and the register lacks.</param>
public sealed record PoolCandidate(
    string CreditCode,
    string Name,
    string RegionCode,
    string? ZoneCode,
    int MissingCount,
    Verdict Verdict,
    IReadOnlyList<Shortfall> Missing,
    IReadOnlyList<int> MissingReports);

/// <summary>
/// Picks the enterprises that meet, or nearly meet, a rule set: at most <c>maxMissing</c> criteria not
/// passed, an undetermined criterion counting as missing. Ordered by the number missing, then by name
/// (ordinal, so the order is the same on every database), then by credit code.
/// </summary>
public static class CultivationPoolSelector
{
    public const int DefaultMaxMissing = 1;
    public const int MaxMaxMissing = 3;

    /// <param name="inputs">Enterprises evaluated.</param>
    /// <param name="maxMissing">The most criteria a candidate may miss.</param>
    /// <param name="eligible">Candidates known to miss nothing (<see cref="Eligible"/>), placed among the others as they are.</param>
    public static IReadOnlyList<PoolCandidate> Select(IEnumerable<PoolInput> inputs, int maxMissing, IEnumerable<PoolCandidate>? eligible = null) =>
        inputs
            .Select(input =>
            {
                var missing = input.Evaluation.Criteria.Where(c => c.Passed != true).Select(ShortfallOf).ToList();
                return new PoolCandidate(input.CreditCode, input.Name, input.RegionCode, input.ZoneCode, missing.Count,
                    input.Evaluation.Verdict, missing, input.Evaluation.MissingReports);
            })
            .Where(c => c.MissingCount <= maxMissing)
            .Concat(eligible ?? [])
            .OrderBy(c => c.MissingCount)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.CreditCode, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// A candidate its evaluation found to miss no criterion, shown without evaluating it again: every criterion
    /// passed, so it is eligible with no shortfall; and since a criterion whose report is absent is undetermined, not
    /// passed, every report the rules read was there (a test holds this for every founding year and set of reports).
    /// </summary>
    public static PoolCandidate Eligible(string creditCode, string name, string regionCode, string? zoneCode) =>
        new(creditCode, name, regionCode, zoneCode, 0, Verdict.Eligible, [], []);

    public static Shortfall ShortfallOf(CriterionResult c)
    {
        var (shortBy, unit) = c.Passed == false ? Gap(c) : (null, null);
        return new Shortfall(c.Code, c.Description, c.Passed, c.Value, c.Threshold, shortBy, unit, c.Note, c.Figures);
    }

    private static (decimal?, string?) Gap(CriterionResult c)
    {
        var t = c.Threshold;
        if (t.Value is { } limit && c.Value is { } value)
        {
            return (t.Comparison == Comparison.AtLeast ? limit - value : value - limit, t.Unit);
        }

        if (t.Date is { } day && c.Figures.FirstOrDefault(f => f.Date is not null)?.Date is { } actual)
        {
            var days = actual.DayNumber - day.DayNumber;
            return (t.Comparison == Comparison.AtLeast ? -days : days, "days");
        }

        return (null, null);
    }
}
