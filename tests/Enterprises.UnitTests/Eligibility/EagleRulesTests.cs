using Enterprises.Api.Eligibility;
using static Enterprises.UnitTests.Eligibility.Figures;

namespace Enterprises.UnitTests.Eligibility;

public class EagleRulesTests
{
    private static EligibilityEvaluation Evaluate(string foundedOn, params ReportFigures[] reports) =>
        EagleRules.V2021.Evaluate(new EnterpriseFacts(DateOnly.Parse(foundedOn)), reports, 2025);

    [Fact]
    public void A_young_enterprise_with_revenue_and_a_class_I_item_is_eligible()
    {
        var evaluation = Evaluate("2020-05-01", Report(2024));

        evaluation.Verdict.Should().Be(Verdict.Eligible);
        evaluation.RuleSet.Id.Should().Be("eagle-2021");
        evaluation.Criteria.Select(c => c.Code).Should().Equal("eagle.registeredWithinEightYears", "eagle.revenue", "eagle.ip");
    }

    [Theory]
    [InlineData("2017-06-01", true)] // seven and a half years on 2024-12-31
    [InlineData("2016-12-31", true)] // exactly eight
    [InlineData("2016-12-30", false)] // eight years and a day
    [InlineData("2016-06-01", false)] // eight and a half
    [InlineData("2024-12-31", true)]
    [InlineData("2025-01-01", false)] // registered in the application year
    public void Registered_within_eight_years_reckoned_to_the_end_of_the_previous_year(string foundedOn, bool passes)
    {
        var result = Evaluate(foundedOn, Report(2024)).Criterion("eagle.registeredWithinEightYears");

        result.Passed.Should().Be(passes);
        result.Threshold.Date.Should().Be(new DateOnly(2016, 12, 31));
    }

    [Theory]
    [InlineData("10", true)]
    [InlineData("9.99", false)]
    public void Previous_year_revenue_at_least_10_wan(string revenue, bool passes)
    {
        var evaluation = Evaluate("2020-05-01", Report(2024) with { RevenueWan = decimal.Parse(revenue), RdExpenseWan = 1m });

        evaluation.Criterion("eagle.revenue").Passed.Should().Be(passes);
        evaluation.Verdict.Should().Be(passes ? Verdict.Eligible : Verdict.NotEligible);
    }

    [Theory]
    [InlineData(0, 1, 0, true)]
    [InlineData(1, 0, 0, true)]
    [InlineData(0, 0, 2, true)]
    [InlineData(0, 0, 1, null)]
    [InlineData(0, 0, 0, null)]
    public void The_ip_route_settles_the_condition_but_missing_it_leaves_the_other_routes_open(
        int inventionPatents, int class1, int class2, bool? passed)
    {
        var evaluation = Evaluate("2020-05-01",
            Report(2024) with { InventionPatents = inventionPatents, Class1Ip = class1, Class2Ip = class2 });

        var result = evaluation.Criterion("eagle.ip");
        result.Passed.Should().Be(passed);
        if (passed is null)
        {
            result.Note.Should().Contain("eight other routes");
            evaluation.Verdict.Should().Be(Verdict.Undetermined);
        }
    }

    [Fact]
    public void A_missing_previous_year_report_is_undetermined()
    {
        var evaluation = Evaluate("2020-05-01", Report(2023));

        evaluation.Verdict.Should().Be(Verdict.Undetermined);
        evaluation.MissingReports.Should().Equal(2024);
    }
}
