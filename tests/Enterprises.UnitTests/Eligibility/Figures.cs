using Enterprises.Api.Eligibility;

namespace Enterprises.UnitTests.Eligibility;

/// <summary>Annual reports for the rule tests: a sound small enterprise, varied one figure at a time with <c>with</c>.</summary>
internal static class Figures
{
    public static ReportFigures Report(int year) => new(
        Year: year,
        RevenueWan: 1_000m,
        RdExpenseWan: 60m,
        HighTechRevenueWan: 800m,
        Employees: 100,
        RdStaff: 30,
        InventionPatents: 0,
        Class1Ip: 1,
        Class2Ip: 0,
        TotalAssetsWan: 2_000m);

    public static IReadOnlyList<ReportFigures> Years(int from, int to, Func<ReportFigures, ReportFigures>? change = null) =>
        Enumerable.Range(from, to - from + 1).Select(year => (change ?? (r => r))(Report(year))).ToList();

    public static CriterionResult Criterion(this EligibilityEvaluation evaluation, string code) =>
        evaluation.Criteria.Should().ContainSingle(c => c.Code == code, "the rule set has criterion {0}", code).Subject;

    public static decimal? Figure(this CriterionResult result, string name) =>
        result.Figures.Should().ContainSingle(f => f.Name == name, "criterion {0} shows {1}", result.Code, name).Subject.Value;
}
