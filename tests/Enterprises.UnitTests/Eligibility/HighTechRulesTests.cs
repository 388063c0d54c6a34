using Enterprises.Api.Eligibility;
using static Enterprises.UnitTests.Eligibility.Figures;

namespace Enterprises.UnitTests.Eligibility;

public class HighTechRulesTests
{
    private static readonly EnterpriseFacts Established = new(new DateOnly(2015, 6, 1));

    private static EligibilityEvaluation Evaluate(IEnumerable<ReportFigures> reports, EnterpriseFacts? facts = null) =>
        HighTechRules.V2016.Evaluate(facts ?? Established, reports, 2025);

    /// <summary>Three identical years, so the three-year ratio equals each year's.</summary>
    private static IReadOnlyList<ReportFigures> ThreeYears(decimal revenue, decimal rdPercent) =>
        Years(2022, 2024, r => r with { RevenueWan = revenue, RdExpenseWan = revenue * rdPercent / 100m, HighTechRevenueWan = revenue * 0.8m });

    [Fact]
    public void A_sound_enterprise_is_eligible_under_the_2016_rules()
    {
        var evaluation = Evaluate(Years(2022, 2024));

        evaluation.Verdict.Should().Be(Verdict.Eligible);
        evaluation.RuleSet.Id.Should().Be("highTech-2016");
        evaluation.MissingReports.Should().BeEmpty();
        evaluation.Criteria.Select(c => c.Code).Should().Equal("highTech.registeredOneYear", "highTech.ownsIp",
            "highTech.rdStaffShare", "highTech.rdIntensity", "highTech.highTechRevenueShare");
        evaluation.Criteria.Should().OnlyContain(c => c.Passed == true);
    }

    [Theory]
    [InlineData("5000", "5", true, 5, "at least 5% (revenue of 2024 ≤ 5,000万)")]
    [InlineData("5000", "4.99", false, 5, "at least 5% (revenue of 2024 ≤ 5,000万)")]
    [InlineData("5000", "4.5", false, 5, "at least 5% (revenue of 2024 ≤ 5,000万)")]
    [InlineData("5000.01", "4.5", true, 4, "at least 4% (revenue of 2024 > 5,000万 and ≤ 20,000万)")]
    [InlineData("5000.01", "4", true, 4, "at least 4% (revenue of 2024 > 5,000万 and ≤ 20,000万)")]
    [InlineData("5000.01", "3.99", false, 4, "at least 4% (revenue of 2024 > 5,000万 and ≤ 20,000万)")]
    [InlineData("20000", "4", true, 4, "at least 4% (revenue of 2024 > 5,000万 and ≤ 20,000万)")]
    [InlineData("20000", "3.99", false, 4, "at least 4% (revenue of 2024 > 5,000万 and ≤ 20,000万)")]
    [InlineData("20000.01", "3", true, 3, "at least 3% (revenue of 2024 > 20,000万)")]
    [InlineData("20000.01", "2.99", false, 3, "at least 3% (revenue of 2024 > 20,000万)")]
    public void Rd_intensity_band_follows_the_latest_revenue_with_inclusive_upper_ends(string revenue, string rdPercent, bool passes,
        int thresholdPercent, string words)
    {
        var result = Evaluate(ThreeYears(decimal.Parse(revenue), decimal.Parse(rdPercent))).Criterion("highTech.rdIntensity");

        result.Passed.Should().Be(passes);
        result.Threshold.Value.Should().Be(thresholdPercent);
        result.Threshold.Text.Should().Be(words);
    }

    [Fact]
    public void Rd_intensity_sums_the_three_years_before_the_application_year()
    {
        // 2022: 2%, 2023: 4%, 2024: 8% of 1,000 → 140 / 3,000 = 4.66…% < 5%; 2021 is outside the window.
        var reports = new[]
        {
            Report(2021) with { RdExpenseWan = 500m },
            Report(2022) with { RdExpenseWan = 20m },
            Report(2023) with { RdExpenseWan = 40m },
            Report(2024) with { RdExpenseWan = 80m },
        };

        var result = Evaluate(reports).Criterion("highTech.rdIntensity");

        result.Passed.Should().BeFalse();
        result.Value.Should().Be(4.66m);
        result.Figure("rdExpenseTotalWan").Should().Be(140m);
        result.Figure("revenueTotalWan").Should().Be(3_000m);
    }

    [Fact]
    public void Rd_intensity_of_a_young_enterprise_counts_the_years_since_founding_and_misses_no_earlier_report()
    {
        var evaluation = Evaluate(Years(2023, 2024), new EnterpriseFacts(new DateOnly(2023, 1, 1)));

        evaluation.MissingReports.Should().BeEmpty();
        var result = evaluation.Criterion("highTech.rdIntensity");
        result.Passed.Should().BeTrue();
        result.Note.Should().Contain("2023–2024");
        evaluation.Verdict.Should().Be(Verdict.Eligible);
    }

    [Theory]
    [InlineData("600", true)]
    [InlineData("599.99", false)]
    public void High_tech_revenue_must_be_at_least_60_percent(string highTechRevenue, bool passes)
    {
        var result = Evaluate(Years(2022, 2024, r => r with { HighTechRevenueWan = decimal.Parse(highTechRevenue) }))
            .Criterion("highTech.highTechRevenueShare");

        result.Passed.Should().Be(passes);
        result.Value.Should().Be(passes ? 60m : 59.99m);
    }

    [Theory]
    [InlineData(10, 100, true)]
    [InlineData(10, 101, false)]
    [InlineData(9, 90, true)]
    [InlineData(9, 91, false)]
    public void Rd_staff_must_be_at_least_10_percent_of_employees(int rdStaff, int employees, bool passes)
    {
        Evaluate(Years(2022, 2024, r => r with { RdStaff = rdStaff, Employees = employees }))
            .Criterion("highTech.rdStaffShare").Passed.Should().Be(passes);
    }

    [Fact]
    public void A_share_with_no_employees_is_undetermined_not_a_division_by_zero()
    {
        var result = Evaluate(Years(2022, 2024, r => r with { RdStaff = 0, Employees = 0 })).Criterion("highTech.rdStaffShare");

        result.Passed.Should().BeNull();
        result.Note.Should().Contain("employees is 0");
    }

    [Theory]
    [InlineData(0, 0, 0, false)]
    [InlineData(1, 0, 0, true)]
    [InlineData(0, 0, 1, true)]
    public void Owning_any_ip_is_required(int inventionPatents, int class1, int class2, bool passes)
    {
        Evaluate(Years(2022, 2024, r => r with { InventionPatents = inventionPatents, Class1Ip = class1, Class2Ip = class2 }))
            .Criterion("highTech.ownsIp").Passed.Should().Be(passes);
    }

    [Theory]
    [InlineData("2024-01-01", true)]
    [InlineData("2024-01-02", false)]
    public void Registration_must_be_a_year_old_at_the_start_of_the_application_year(string foundedOn, bool passes)
    {
        var result = Evaluate(Years(2022, 2024), new EnterpriseFacts(DateOnly.Parse(foundedOn))).Criterion("highTech.registeredOneYear");

        result.Passed.Should().Be(passes);
        result.Threshold.Date.Should().Be(new DateOnly(2024, 1, 1));
    }

    [Fact]
    public void A_missing_report_leaves_the_verdict_undetermined_and_names_the_year()
    {
        var evaluation = Evaluate([Report(2022), Report(2024)]);

        evaluation.Verdict.Should().Be(Verdict.Undetermined);
        evaluation.MissingReports.Should().Equal(2023);
        evaluation.Criterion("highTech.rdIntensity").Passed.Should().BeNull();
        evaluation.Criterion("highTech.rdIntensity").Note.Should().Be("The annual report for 2023 is missing.");
    }

    [Fact]
    public void Without_the_latest_report_every_figure_criterion_is_undetermined()
    {
        var evaluation = Evaluate([Report(2022), Report(2023)]);

        evaluation.Verdict.Should().Be(Verdict.Undetermined);
        evaluation.MissingReports.Should().Equal(2024);
        evaluation.Criteria.Where(c => c.Code != "highTech.registeredOneYear").Should().OnlyContain(c => c.Passed == null);
        evaluation.Criterion("highTech.rdIntensity").Threshold.Known.Should().BeFalse();
        evaluation.Criterion("highTech.rdIntensity").Threshold.Text.Should().Be("5%, 4%, 3% by the revenue of 2024");
    }

    [Fact]
    public void A_failed_criterion_makes_the_verdict_not_eligible_even_when_others_are_undetermined()
    {
        var evaluation = Evaluate([Report(2022), Report(2023)], new EnterpriseFacts(new DateOnly(2024, 3, 1)));

        evaluation.Verdict.Should().Be(Verdict.NotEligible);
    }

    [Fact]
    public void Lists_the_conditions_it_cannot_assess()
    {
        HighTechRules.V2016.NotAssessed.Should().HaveCount(4).And.Contain(s => s.Contains("创新能力评价"));
    }
}
