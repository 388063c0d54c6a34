using Enterprises.Api.Domain;
using FluentValidation;
using SharedKernel.Time;

namespace Enterprises.Api.Eligibility;

/// <summary>The rule set a verdict was reached under.</summary>
/// <param name="Id">Stable id (<c>highTech-2016</c>).</param>
/// <param name="Version">Version of the rules for this type.</param>
/// <param name="EffectiveFrom">The first day the version applies.</param>
/// <param name="Title">The document the rules come from.</param>
/// <param name="Note">Limits of the rule set and of its dating.</param>
public sealed record RuleSetResponse(string Id, int Version, DateOnly EffectiveFrom, string Title, string? Note)
{
    public static RuleSetResponse From(RuleSet rules) => new(rules.Id, rules.Version, rules.EffectiveFrom, rules.Title, rules.Note);
}

/// <summary>An enterprise measured against the rules of a recognition for an application year.</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Name">Its registered name.</param>
/// <param name="Type">The recognition.</param>
/// <param name="Year">The application year; "the latest year" of the rules is the year before it.</param>
/// <param name="RuleSet">The rule set in force for that year, or null when none is held for so early a year.</param>
/// <param name="Verdict">eligible, notEligible (a criterion failed) or undetermined (a report, figure or threshold is missing).</param>
/// <param name="Criteria">Each criterion with the figures used, its threshold and outcome.</param>
/// <param name="MissingReports">Report years the rules needed and the register lacks.</param>
/// <param name="NotAssessed">Conditions of the document the register holds no data for; check them by hand.</param>
/// <param name="Note">Why there is no rule set, when there is none.</param>
public sealed record EligibilityResponse(
    string CreditCode,
    string Name,
    EligibilityType Type,
    int Year,
    RuleSetResponse? RuleSet,
    Verdict Verdict,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<int> MissingReports,
    IReadOnlyList<string> NotAssessed,
    string? Note);

/// <summary>Maps register entities to the inputs of the rules, and checks the query parameters they share.</summary>
internal static class EligibilityInputs
{
    public const int FirstYear = 2000;

    public static EnterpriseFacts FactsOf(Enterprise enterprise) => new(enterprise.FoundedOn);

    public static ReportFigures FiguresOf(AnnualReport r) => new(r.Year, r.RevenueWan, r.RdExpenseWan, r.HighTechRevenueWan,
        r.Employees, r.RdStaff, r.InventionPatents, r.Class1Ip, r.Class2Ip, r.TotalAssetsWan);

    /// <summary>The earliest report year any rule set reads for an application year.</summary>
    public static int EarliestReportYear(int applicationYear) => applicationYear - 3;

    /// <summary>The application year asked for, or this year (Beijing).</summary>
    public static int YearOf(int? year, DateOnly today) => year ?? today.Year;

    /// <summary>An application year: 2000 to next year (Beijing), this year when not given.</summary>
    public static IRuleBuilderOptions<T, int?> MustBeApplicationYear<T>(this IRuleBuilder<T, int?> rule, TimeProvider clock) =>
        rule.Must(year => YearOf(year, clock.Today()) is var value && value >= FirstYear && value <= clock.Today().Year + 1)
            .WithMessage(_ => $"'year' must be between {FirstYear} and {clock.Today().Year + 1}.");
}
