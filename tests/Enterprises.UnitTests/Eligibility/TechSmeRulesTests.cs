using Enterprises.Api.Eligibility;
using static Enterprises.UnitTests.Eligibility.Figures;

namespace Enterprises.UnitTests.Eligibility;

public class TechSmeRulesTests
{
    private static readonly EnterpriseFacts Facts = new(new DateOnly(2018, 3, 1));

    private static EligibilityEvaluation Evaluate(Func<ReportFigures, ReportFigures> change) =>
        TechSmeRules.V2017.Evaluate(Facts, [change(Report(2024))], 2025);

    [Fact]
    public void A_sound_enterprise_scores_100_on_the_year_before_the_application_year()
    {
        var evaluation = TechSmeRules.V2017.Evaluate(Facts, [Report(2024), Report(2025) with { Employees = 9_999 }], 2025);

        evaluation.Verdict.Should().Be(Verdict.Eligible);
        evaluation.RuleSet.Id.Should().Be("techSme-2017");
        var score = evaluation.Criterion("techSme.score");
        score.Value.Should().Be(100m);
        score.Figure("staffScore").Should().Be(20m);
        score.Figure("rdScore").Should().Be(50m);
        score.Figure("ipScore").Should().Be(30m);
    }

    [Theory]
    [InlineData(30, 100, 20)]
    [InlineData(2_999, 10_000, 16)]
    [InlineData(25, 100, 16)]
    [InlineData(2_499, 10_000, 12)]
    [InlineData(20, 100, 12)]
    [InlineData(1_999, 10_000, 8)]
    [InlineData(15, 100, 8)]
    [InlineData(1_499, 10_000, 4)]
    [InlineData(10, 100, 4)]
    [InlineData(999, 10_000, 0)]
    public void Staff_band_edges(int rdStaff, int employees, int points)
    {
        TechSmeRules.StaffPoints(rdStaff, employees).Should().Be(points);
    }

    [Theory]
    [InlineData("6", 50)]
    [InlineData("5.99", 40)]
    [InlineData("5", 40)]
    [InlineData("4.99", 30)]
    [InlineData("4", 30)]
    [InlineData("3.99", 20)]
    [InlineData("3", 20)]
    [InlineData("2.99", 10)]
    [InlineData("2", 10)]
    [InlineData("1.99", 0)]
    public void Rd_band_edges(string rdExpenseOf100, int points)
    {
        TechSmeRules.RdPoints(decimal.Parse(rdExpenseOf100), 100m).Should().Be(points);
    }

    [Theory]
    [InlineData(0, 1, 0, 30)]
    [InlineData(1, 0, 0, 30)]
    [InlineData(0, 0, 5, 24)]
    [InlineData(0, 0, 4, 24)]
    [InlineData(0, 0, 3, 18)]
    [InlineData(0, 0, 2, 12)]
    [InlineData(0, 0, 1, 6)]
    [InlineData(0, 0, 0, 0)]
    public void Ip_band_edges(int inventionPatents, int class1, int class2, int points)
    {
        TechSmeRules.IpPoints(inventionPatents, class1, class2).Should().Be(points);
    }

    /// <summary>Band points are multiples of 4, 10 and 6 and so always even: 59 cannot be scored, 58 is the nearest below 60.</summary>
    [Theory]
    [InlineData(25, "3", 4, 60, true)] // 16 + 20 + 24
    [InlineData(20, "3", 4, 56, false)] // 12 + 20 + 24
    [InlineData(10, "3", 5, 48, false)] // 4 + 20 + 24
    [InlineData(10, "2", 0, 14, false)] // 4 + 10 + 0
    [InlineData(15, "5", 2, 60, true)] // 8 + 40 + 12
    [InlineData(10, "5", 3, 62, true)] // 4 + 40 + 18
    [InlineData(20, "4", 0, 42, false)] // 12 + 30 + 0
    [InlineData(30, "2", 5, 54, false)] // 20 + 10 + 24
    [InlineData(16, "5", 1, 54, false)] // 8 + 40 + 6
    [InlineData(25, "2", 5, 50, false)] // 16 + 10 + 24
    [InlineData(26, "4", 2, 58, false)] // 16 + 30 + 12
    public void Score_passes_at_60_and_fails_at_58_or_below(int staffPercent, string rdPercent, int class2Ip, int score, bool passes)
    {
        var result = Evaluate(r => r with
        {
            Employees = 100, RdStaff = staffPercent, RevenueWan = 100m, RdExpenseWan = decimal.Parse(rdPercent),
            InventionPatents = 0, Class1Ip = 0, Class2Ip = class2Ip,
        }).Criterion("techSme.score");

        result.Value.Should().Be(score);
        result.Passed.Should().Be(passes);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public void Employees_at_most_500(int employees, bool passes)
    {
        Evaluate(r => r with { Employees = employees, RdStaff = employees / 2 }).Criterion("techSme.employees").Passed.Should().Be(passes);
    }

    [Theory]
    [InlineData("20000", true)]
    [InlineData("20000.01", false)]
    public void Revenue_and_total_assets_at_most_20000_wan(string amount, bool passes)
    {
        var value = decimal.Parse(amount);
        var evaluation = Evaluate(r => r with { RevenueWan = value, RdExpenseWan = value / 10m, TotalAssetsWan = value });

        evaluation.Criterion("techSme.revenue").Passed.Should().Be(passes);
        evaluation.Criterion("techSme.totalAssets").Passed.Should().Be(passes);
        evaluation.Verdict.Should().Be(passes ? Verdict.Eligible : Verdict.NotEligible);
    }

    [Fact]
    public void A_zero_staff_score_fails_however_high_the_total()
    {
        var evaluation = Evaluate(r => r with { RdStaff = 9 });

        evaluation.Criterion("techSme.score").Value.Should().Be(80m);
        evaluation.Criterion("techSme.score").Passed.Should().BeTrue();
        evaluation.Criterion("techSme.staffScoreNonZero").Passed.Should().BeFalse();
        evaluation.Verdict.Should().Be(Verdict.NotEligible);
    }

    [Fact]
    public void No_revenue_leaves_the_score_undetermined_while_60_is_still_within_reach()
    {
        var result = Evaluate(r => r with { RevenueWan = 0m, RdExpenseWan = 0m }).Criterion("techSme.score");

        result.Passed.Should().BeNull();
        result.Value.Should().BeNull();
        result.Figure("rdScore").Should().BeNull();
        result.Note.Should().Contain("No revenue in 2024");
    }

    [Fact]
    public void No_employees_fails_the_score_when_even_full_staff_marks_could_not_reach_60()
    {
        var result = Evaluate(r => r with { Employees = 0, RdStaff = 0, RdExpenseWan = 20m, Class1Ip = 0 }).Criterion("techSme.score");

        result.Passed.Should().BeFalse(); // at most 20 + 10 + 0
    }

    [Fact]
    public void A_missing_prior_year_report_is_undetermined()
    {
        var evaluation = TechSmeRules.V2017.Evaluate(Facts, [Report(2023)], 2025);

        evaluation.Verdict.Should().Be(Verdict.Undetermined);
        evaluation.MissingReports.Should().Equal(2024);
        evaluation.Criteria.Should().OnlyContain(c => c.Passed == null && c.Note == "The annual report for 2024 is missing.");
    }
}
