using Enterprises.Api.CultivationPool;
using Enterprises.Api.Eligibility;
using static Enterprises.UnitTests.Eligibility.Figures;

namespace Enterprises.UnitTests.CultivationPool;

public class CultivationPoolSelectorTests
{
    private static PoolInput Input(string name, IEnumerable<ReportFigures> reports, string foundedOn = "2015-06-01") =>
        new(name + "-code", name, "120116", null,
            HighTechRules.V2016.Evaluate(new EnterpriseFacts(DateOnly.Parse(foundedOn)), reports, 2025));

    private static readonly PoolInput Sound = Input("乙", Years(2022, 2024));
    private static readonly PoolInput LowRd = Input("甲", Years(2022, 2024, r => r with { RdExpenseWan = 45m }));
    private static readonly PoolInput LowRdAndStaff = Input("丙", Years(2022, 2024, r => r with { RdExpenseWan = 45m, RdStaff = 8 }));
    private static readonly PoolInput MissingReport = Input("丁", [Report(2022), Report(2024)]);
    private static readonly PoolInput TooYoung = Input("戊", Years(2024, 2024), "2024-03-01");

    [Fact]
    public void Keeps_those_missing_at_most_max_missing_ordered_by_count_then_name()
    {
        var pool = CultivationPoolSelector.Select([LowRdAndStaff, MissingReport, Sound, LowRd, TooYoung], 1);

        pool.Select(c => (c.Name, c.MissingCount)).Should().Equal(("乙", 0), ("丁", 1), ("戊", 1), ("甲", 1));
    }

    [Fact]
    public void A_larger_max_missing_admits_more()
    {
        CultivationPoolSelector.Select([LowRdAndStaff, Sound], 2).Select(c => c.Name).Should().Equal("乙", "丙");
        CultivationPoolSelector.Select([LowRdAndStaff, Sound], 0).Select(c => c.Name).Should().Equal("乙");
    }

    [Fact]
    public void A_failed_ratio_shows_the_figure_the_threshold_and_the_gap()
    {
        var missing = CultivationPoolSelector.Select([LowRd], 1).Single().Missing.Should().ContainSingle().Subject;

        missing.Code.Should().Be("highTech.rdIntensity");
        missing.Passed.Should().BeFalse();
        missing.Value.Should().Be(4.5m);
        missing.Threshold.Value.Should().Be(5m);
        missing.ShortBy.Should().Be(0.5m);
        missing.ShortByUnit.Should().Be("%");
    }

    [Fact]
    public void An_undetermined_criterion_counts_as_missing_with_its_reason()
    {
        var candidate = CultivationPoolSelector.Select([MissingReport], 1).Single();

        candidate.Verdict.Should().Be(Verdict.Undetermined);
        candidate.MissingReports.Should().Equal(2023);
        var missing = candidate.Missing.Should().ContainSingle().Subject;
        missing.Passed.Should().BeNull();
        missing.ShortBy.Should().BeNull();
        missing.Note.Should().Be("The annual report for 2023 is missing.");
    }

    [Fact]
    public void A_late_registration_is_short_by_days()
    {
        var missing = CultivationPoolSelector.Select([TooYoung], 1).Single().Missing.Single();

        missing.Code.Should().Be("highTech.registeredOneYear");
        missing.ShortBy.Should().Be(60m); // 2024-03-01 is 60 days after 2024-01-01
        missing.ShortByUnit.Should().Be("days");
    }

    [Fact]
    public void An_at_most_threshold_is_short_by_the_excess()
    {
        var evaluation = TechSmeRules.V2017.Evaluate(new EnterpriseFacts(new DateOnly(2015, 1, 1)),
            [Report(2024) with { Employees = 520, RdStaff = 200 }], 2025);

        var missing = CultivationPoolSelector.ShortfallOf(evaluation.Criterion("techSme.employees"));

        missing.ShortBy.Should().Be(20m);
        missing.ShortByUnit.Should().Be("persons");
    }

    [Fact]
    public void A_candidate_missing_nothing_is_what_Eligible_shows_for_every_founding_year_and_set_of_reports()
    {
        var (missingNothing, reportsMissing) = (0, 0);
        var first = RuleSetRegistry.Default.Earliest(EligibilityType.HighTech)!.EffectiveFrom.Year;
        for (var year = first; year <= first + 12; year++)
        {
            var rules = RuleSetRegistry.Default.InForce(EligibilityType.HighTech, year)!;
            foreach (var founded in new[] { year - 10, year - 3, year - 2, year - 1, year })
            {
                for (var held = 0; held < 8; held++)
                {
                    foreach (var rdExpense in new[] { 30m, 60m })
                    {
                        var reports = Enumerable.Range(year - 3, 3).Where((y, i) => (held & (1 << i)) != 0 && y >= founded)
                            .Select(y => Report(y) with { RdExpenseWan = rdExpense });
                        var evaluation = rules.Evaluate(new EnterpriseFacts(new DateOnly(founded, 6, 1)), reports, year);
                        var candidate = CultivationPoolSelector.Select([new PoolInput("code", "name", "120116", "12Z01", evaluation)], int.MaxValue).Single();
                        reportsMissing += candidate.MissingReports.Count > 0 ? 1 : 0;
                        if (candidate.MissingCount == 0)
                        {
                            missingNothing++;
                            candidate.Should().BeEquivalentTo(CultivationPoolSelector.Eligible("code", "name", "120116", "12Z01"),
                                "founded {0}, reports {1}, application year {2}", founded, held, year);
                        }
                    }
                }
            }
        }

        missingNothing.Should().BePositive("some combinations meet every criterion");
        reportsMissing.Should().BePositive("some combinations lack a report the rules read");
    }
}
