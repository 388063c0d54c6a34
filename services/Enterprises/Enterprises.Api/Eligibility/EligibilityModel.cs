using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Enterprises.Api.Eligibility;

/// <summary>The recognitions whose rules the service can assess. On the wire by their names, like qualification types.</summary>
public enum EligibilityType
{
    /// <summary>国家高新技术企业.</summary>
    [JsonStringEnumMemberName("HighTech")] HighTech,
    /// <summary>科技型中小企业.</summary>
    [JsonStringEnumMemberName("TechSme")] TechSme,
    /// <summary>雏鹰 — Tianjin's first rung of the growth ladder.</summary>
    [JsonStringEnumMemberName("Eagle")] Eagle,
}

/// <summary>
/// <c>eligible</c>: every assessed criterion passed. <c>notEligible</c>: at least one failed on known figures.
/// <c>undetermined</c>: none failed, but a report, a figure or a threshold needed by one is missing.
/// </summary>
public enum Verdict
{
    Eligible,
    NotEligible,
    Undetermined,
}

/// <summary>How a criterion's value is compared with its threshold.</summary>
public enum Comparison
{
    /// <summary>The value must be at least the threshold.</summary>
    AtLeast,
    /// <summary>The value must be at most the threshold.</summary>
    AtMost,
}

/// <summary>What the rules need to know about an enterprise besides its annual reports.</summary>
public sealed record EnterpriseFacts(DateOnly FoundedOn);

/// <summary>One annual report's figures. Amounts in 万元.</summary>
public sealed record ReportFigures(
    int Year,
    decimal RevenueWan,
    decimal RdExpenseWan,
    decimal HighTechRevenueWan,
    int Employees,
    int RdStaff,
    int InventionPatents,
    int Class1Ip,
    int Class2Ip,
    decimal TotalAssetsWan);

/// <summary>A named figure used by a criterion.</summary>
/// <param name="Name">What it is (<c>revenueWan</c>, <c>rdIntensityPercent</c>, <c>foundedOn</c>, …).</param>
/// <param name="Value">The number, or null for a date figure or when the figure is unknown.</param>
/// <param name="Unit">万元, %, persons, items, points, or date.</param>
/// <param name="Year">The report year it comes from, when it comes from a report.</param>
/// <param name="Date">The date, for a date figure.</param>
public sealed record Figure(string Name, decimal? Value, string Unit, int? Year = null, DateOnly? Date = null);

/// <summary>A criterion's threshold.</summary>
/// <param name="Comparison">How the criterion's value is compared with it.</param>
/// <param name="Value">The number, or null when the threshold is a date or is not known.</param>
/// <param name="Unit">The unit of <paramref name="Value"/> (and of the criterion's value).</param>
/// <param name="Text">The threshold in words.</param>
/// <param name="Date">The date, for a date threshold.</param>
public sealed record Threshold(Comparison Comparison, decimal? Value, string Unit, string Text, DateOnly? Date = null)
{
    /// <summary>Whether the threshold is known; an unknown one leaves its criterion undetermined.</summary>
    public bool Known => Value is not null || Date is not null;
}

/// <summary>The outcome of one criterion.</summary>
/// <param name="Code">Stable code of the criterion (<c>highTech.rdIntensity</c>).</param>
/// <param name="Description">The criterion in words.</param>
/// <param name="Source">The provision it comes from.</param>
/// <param name="Figures">The figures used, with their units.</param>
/// <param name="Value">The value compared with the threshold, in its unit; null when unknown or a date.</param>
/// <param name="Threshold">The threshold applied.</param>
/// <param name="Passed">True or false, or null when a figure or the threshold is unknown.</param>
/// <param name="Note">Why it is unknown, or what the assessment could not take into account.</param>
public sealed record CriterionResult(
    string Code,
    string Description,
    [property: MaxLength(CriterionResult.MaxSourceLength)] string Source,
    IReadOnlyList<Figure> Figures,
    decimal? Value,
    Threshold Threshold,
    bool? Passed,
    string? Note)
{
    /// <summary>The longest provision a rule set may cite (the rule sets' own test holds every citation to it).</summary>
    public const int MaxSourceLength = 200;
}

/// <summary>The facts a rule set is applied to, and the report years it asked for but did not find.</summary>
public sealed class EvaluationContext(EnterpriseFacts enterprise, int applicationYear, IEnumerable<ReportFigures> reports)
{
    private readonly Dictionary<int, ReportFigures> byYear = reports.GroupBy(r => r.Year).ToDictionary(g => g.Key, g => g.First());
    private readonly SortedSet<int> missing = [];

    public EnterpriseFacts Enterprise { get; } = enterprise;

    public int ApplicationYear { get; } = applicationYear;

    /// <summary>The year before the application year, whose report the rules read as "the latest year".</summary>
    public int PriorYear => ApplicationYear - 1;

    public IReadOnlyCollection<int> MissingReports => missing;

    /// <summary>
    /// The report of <paramref name="year"/>, or null. A year the enterprise did not yet exist in
    /// is not missing, it is simply not there; any other absent year is recorded as missing.
    /// </summary>
    public ReportFigures? Report(int year)
    {
        if (byYear.TryGetValue(year, out var report))
        {
            return report;
        }

        if (year >= Enterprise.FoundedOn.Year)
        {
            missing.Add(year);
        }

        return null;
    }

    /// <summary>A note for a criterion that could not be assessed for lack of the report of <paramref name="year"/>.</summary>
    public string NoReport(int year) => year < Enterprise.FoundedOn.Year
        ? $"The enterprise was founded on {Enterprise.FoundedOn:yyyy-MM-dd}; there is no report for {year}."
        : $"The annual report for {year} is missing.";
}

/// <summary>A rule set applied to one enterprise for one application year.</summary>
public sealed record EligibilityEvaluation(
    RuleSet RuleSet,
    int ApplicationYear,
    Verdict Verdict,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<int> MissingReports)
{
    public static Verdict VerdictOf(IEnumerable<CriterionResult> criteria)
    {
        var outcomes = criteria.Select(c => c.Passed).ToList();
        return outcomes.Contains(false) ? Verdict.NotEligible
            : outcomes.Contains(null) ? Verdict.Undetermined
            : Verdict.Eligible;
    }
}
