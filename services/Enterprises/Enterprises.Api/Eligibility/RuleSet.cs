namespace Enterprises.Api.Eligibility;

/// <summary>
/// One version of the rules for a recognition, in force from <see cref="EffectiveFrom"/> until a
/// later version of the same type takes over. Versions are never edited once published: a change in
/// the rules is a new version, so verdicts for earlier application years stay as they were.
/// </summary>
/// <param name="Id">Stable id, <c>{type}-{version}</c> (<c>highTech-2016</c>).</param>
/// <param name="Type">The recognition.</param>
/// <param name="Version">Increases with each change of the rules.</param>
/// <param name="EffectiveFrom">The first day it applies.</param>
/// <param name="Title">The document the rules come from.</param>
/// <param name="Note">How far the rule set goes, and what about its dating is uncertain.</param>
/// <param name="Criteria">The conditions, each evaluated for the enterprise.</param>
/// <param name="NotAssessed">Conditions of the document the register holds no data for; a verdict of eligible does not cover them.</param>
public sealed record RuleSet(
    string Id,
    EligibilityType Type,
    int Version,
    DateOnly EffectiveFrom,
    string Title,
    string? Note,
    IReadOnlyList<Criterion> Criteria,
    IReadOnlyList<string> NotAssessed)
{
    public EligibilityEvaluation Evaluate(EnterpriseFacts enterprise, IEnumerable<ReportFigures> reports, int applicationYear)
    {
        var context = new EvaluationContext(enterprise, applicationYear, reports);
        var results = Criteria.Select(c => c.Evaluate(context)).ToList();
        return new EligibilityEvaluation(this, applicationYear, EligibilityEvaluation.VerdictOf(results), results,
            context.MissingReports.ToList());
    }
}

/// <summary>
/// The rule sets the service knows, and which one governs an application year: the latest version
/// whose effective date falls on or before 31 December of that year. Applications are filed during
/// the year, so a version that takes effect in a year governs that year's applications; the earliest
/// version does not reach back to years before its own.
/// </summary>
public sealed class RuleSetRegistry
{
    private readonly IReadOnlyList<RuleSet> ruleSets;

    public RuleSetRegistry(IEnumerable<RuleSet> ruleSets)
    {
        this.ruleSets = ruleSets.OrderBy(r => r.Type).ThenBy(r => r.EffectiveFrom).ToList();
        var clash = this.ruleSets.GroupBy(r => (r.Type, r.EffectiveFrom)).FirstOrDefault(g => g.Count() > 1)?.ToList()
            ?? this.ruleSets.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1)?.ToList();
        if (clash is not null)
        {
            throw new ArgumentException($"Rule sets {string.Join(", ", clash.Select(r => r.Id))} clash: ids and (type, effective date) must be unique.");
        }
    }

    /// <summary>The rule sets in production.</summary>
    public static RuleSetRegistry Default { get; } = new([HighTechRules.V2016, TechSmeRules.V2017, EagleRules.V2021]);

    public IReadOnlyList<RuleSet> All => ruleSets;

    public RuleSet? InForce(EligibilityType type, int applicationYear) =>
        ruleSets.LastOrDefault(r => r.Type == type && r.EffectiveFrom <= new DateOnly(applicationYear, 12, 31));

    /// <summary>The earliest version of a type, to explain a year before it.</summary>
    public RuleSet? Earliest(EligibilityType type) => ruleSets.FirstOrDefault(r => r.Type == type);
}
