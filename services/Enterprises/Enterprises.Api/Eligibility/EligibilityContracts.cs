using SharedKernel.Errors;
using Enterprises.Api.Domain;
using ServiceDefaults.Json;
using ServiceDefaults.Problems;

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

    /// <summary>The application year, default this year (Beijing); 400 outside 2000 … next year.</summary>
    public static int YearOf(int? year, DateOnly today)
    {
        var value = year ?? today.Year;
        if (value < FirstYear || value > today.Year + 1)
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, $"Year {value} is out of range.",
                new Dictionary<string, string[]> { ["year"] = [$"'year' must be between {FirstYear} and {today.Year + 1}."] });
        }

        return value;
    }

    /// <summary>The recognition to assess; 400 when missing or not one the rules cover.</summary>
    public static EligibilityType TypeOf(string? type) =>
        EnumText.ParseOptional<EligibilityType>(type, "type")
        ?? throw new BadRequestException(ErrorCodes.InvalidParameter, "'type' is required.",
            new Dictionary<string, string[]> { ["type"] = [$"Give one of: {string.Join(", ", StrictStringEnumConverter.NamesOf(typeof(EligibilityType)))}."] });
}
