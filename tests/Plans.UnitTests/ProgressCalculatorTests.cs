using Plans.Api.Domain;
using Plans.Api.Progress;

namespace Plans.UnitTests;

public class ProgressCalculatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static IndicatorFacts Facts(Measure measure, Direction direction, Baseline? baseline, params Target[] targets) =>
        new(measure, direction, baseline, targets);

    private static ObservedValue Observed(int year, decimal value, int recordedDay = 1) =>
        new(year, value, ObservationOrigin.Manual, new DateTimeOffset(2026, 1, recordedDay, 0, 0, 0, TimeSpan.Zero));

    private static readonly IndicatorFacts HighTechEnterprises =
        Facts(Measure.Stock, Direction.Increase, new Baseline(2020, 7420), new Target(2025, 11600, null));

    [Fact]
    public void Increase_below_the_straight_line_is_behind()
    {
        // 9000 covers 1580 of 4180 (37.8%); by the end of 2022 two fifths of the period (40%) had passed.
        var result = ProgressCalculator.Calculate(HighTechEnterprises, [Observed(2022, 9000)], Today);

        result.ProgressPercent.Should().Be(37.8m);
        result.ExpectedPercentAtActual.Should().Be(40.0m);
        result.Status.Should().Be(ProgressStatus.Behind);
        result.Actual!.Value.Should().Be(9000);
    }

    [Fact]
    public void Increase_at_or_above_the_straight_line_is_on_track()
    {
        var result = ProgressCalculator.Calculate(HighTechEnterprises, [Observed(2022, 9100)], Today);

        result.ProgressPercent.Should().Be(40.2m);
        result.Status.Should().Be(ProgressStatus.OnTrack);
    }

    [Fact]
    public void Reaching_the_final_target_is_achieved()
    {
        var result = ProgressCalculator.Calculate(HighTechEnterprises, [Observed(2024, 11650)], Today);

        result.Status.Should().Be(ProgressStatus.Achieved);
        result.ProgressPercent.Should().Be(101.2m);
    }

    [Fact]
    public void Expected_percent_follows_the_date_asked_for()
    {
        var result = ProgressCalculator.Calculate(HighTechEnterprises, [Observed(2021, 8000)], new DateOnly(2023, 1, 1));

        result.ExpectedPercent.Should().Be(40.0m);
        result.ExpectedPercentAtActual.Should().Be(20.0m);
    }

    [Fact]
    public void Expected_percent_stops_at_100_after_the_target_year()
    {
        var result = ProgressCalculator.Calculate(HighTechEnterprises, [Observed(2025, 11000)], Today);

        result.ExpectedPercent.Should().Be(100m);
        result.Status.Should().Be(ProgressStatus.Behind);
    }

    [Fact]
    public void No_observation_is_no_data()
    {
        var result = ProgressCalculator.Calculate(HighTechEnterprises, [], Today);

        result.Status.Should().Be(ProgressStatus.NoData);
        result.Actual.Should().BeNull();
        result.ProgressPercent.Should().BeNull();
        result.Target.Should().Be(new Target(2025, 11600, null));
    }

    [Fact]
    public void Observations_for_years_after_the_as_of_date_are_left_out()
    {
        var result = ProgressCalculator.Calculate(HighTechEnterprises, [Observed(2022, 9100), Observed(2024, 11700)],
            new DateOnly(2023, 6, 30));

        result.Actual!.Year.Should().Be(2022);
        result.Status.Should().Be(ProgressStatus.OnTrack);
    }

    [Fact]
    public void A_later_record_for_the_same_year_corrects_the_earlier()
    {
        var result = ProgressCalculator.Calculate(HighTechEnterprises,
            [Observed(2022, 9500, recordedDay: 1), Observed(2022, 9000, recordedDay: 2)], Today);

        result.Actual!.Value.Should().Be(9000);
    }

    [Fact]
    public void Decrease_counts_progress_downwards()
    {
        var energyIntensity = Facts(Measure.Level, Direction.Decrease, new Baseline(2020, 100), new Target(2025, 80, null));

        var behind = ProgressCalculator.Calculate(energyIntensity, [Observed(2023, 90)], Today);
        var onTrack = ProgressCalculator.Calculate(energyIntensity, [Observed(2023, 88)], Today);
        var achieved = ProgressCalculator.Calculate(energyIntensity, [Observed(2023, 79)], Today);

        behind.ProgressPercent.Should().Be(50.0m);
        behind.ExpectedPercentAtActual.Should().Be(60.0m);
        behind.Status.Should().Be(ProgressStatus.Behind);
        onTrack.Status.Should().Be(ProgressStatus.OnTrack);
        achieved.Status.Should().Be(ProgressStatus.Achieved);
    }

    [Fact]
    public void Maintain_at_least_holds_while_at_or_above_the_target()
    {
        var share = Facts(Measure.Share, Direction.Maintain, new Baseline(2020, 3.0m), new Target(2025, 3.0m, TargetQualifier.AtLeast));

        var holds = ProgressCalculator.Calculate(share, [Observed(2023, 3.1m)], Today);
        var slips = ProgressCalculator.Calculate(share, [Observed(2023, 2.9m)], Today);

        holds.Status.Should().Be(ProgressStatus.Achieved);
        holds.ProgressPercent.Should().Be(100m);
        slips.Status.Should().Be(ProgressStatus.Behind);
        slips.ProgressPercent.Should().Be(0m);
    }

    [Fact]
    public void Maintain_at_most_holds_while_at_or_below_the_target()
    {
        var ceiling = Facts(Measure.Level, Direction.Maintain, new Baseline(2020, 5m), new Target(2025, 5m, TargetQualifier.AtMost));

        ProgressCalculator.Calculate(ceiling, [Observed(2023, 4.8m)], Today).Status.Should().Be(ProgressStatus.Achieved);
        ProgressCalculator.Calculate(ceiling, [Observed(2023, 5.2m)], Today).Status.Should().Be(ProgressStatus.Behind);
    }

    [Fact]
    public void A_target_below_the_baseline_is_a_line_to_hold_not_a_negative_gap()
    {
        // Binhai's growth rate: 10.3% in 2020, "at least 8%" by 2025; the baseline already meets it.
        var growth = Facts(Measure.GrowthRate, Direction.Increase, new Baseline(2020, 10.3m), new Target(2025, 8m, TargetQualifier.AtLeast));

        var holds = ProgressCalculator.Calculate(growth, [Observed(2022, 9m)], Today);
        var fallsShort = ProgressCalculator.Calculate(growth, [Observed(2022, 7m)], Today);

        holds.Status.Should().Be(ProgressStatus.Achieved);
        holds.ProgressPercent.Should().Be(100m);
        holds.ExpectedPercent.Should().Be(100m);
        fallsShort.Status.Should().Be(ProgressStatus.Behind);
        fallsShort.ProgressPercent.Should().Be(0m);
    }

    [Fact]
    public void A_target_equal_to_the_baseline_is_achieved_while_it_holds()
    {
        var flat = Facts(Measure.Share, Direction.Increase, new Baseline(2020, 0.08m), new Target(2025, 0.08m, null));

        ProgressCalculator.Calculate(flat, [Observed(2023, 0.08m)], Today).Status.Should().Be(ProgressStatus.Achieved);
        ProgressCalculator.Calculate(flat, [Observed(2023, 0.07m)], Today).Status.Should().Be(ProgressStatus.Behind);
    }

    [Fact]
    public void Milestones_bend_the_expected_path()
    {
        // Dongli-style: 380 in 2020, 400 by 2021, 500 by 2022. At the end of 2021 the path expects 400,
        // i.e. 20 of 120 (16.7%), not the 50% a straight line to 2022 would.
        var facts = Facts(Measure.Stock, Direction.Increase, new Baseline(2020, 380),
            new Target(2021, 400, null), new Target(2022, 500, null));

        var result = ProgressCalculator.Calculate(facts, [Observed(2021, 410)], new DateOnly(2022, 1, 1));

        result.ProgressPercent.Should().Be(25.0m);
        result.ExpectedPercentAtActual.Should().Be(16.7m);
        result.ExpectedPercent.Should().Be(16.7m);
        result.Status.Should().Be(ProgressStatus.OnTrack);
        result.Target.Year.Should().Be(2022);
    }

    [Fact]
    public void Cumulative_is_a_running_total_measured_from_the_baseline_total()
    {
        // The municipal 累计认定科技领军（培育）企业: 216 by 2020, 300 by 2025. 250 covers 34 of 84.
        var leaders = Facts(Measure.Cumulative, Direction.Increase, new Baseline(2020, 216), new Target(2025, 300, null));

        var result = ProgressCalculator.Calculate(leaders, [Observed(2022, 250)], Today);

        result.AchievedValue.Should().Be(250);
        result.ProgressPercent.Should().Be(40.5m);
        result.Status.Should().Be(ProgressStatus.OnTrack);
    }

    [Fact]
    public void Cumulative_without_a_baseline_is_judged_against_its_target_alone()
    {
        // Dongli: 新增服务创客150人 by 2022, with no starting figure printed.
        var makers = Facts(Measure.Cumulative, Direction.Increase, null, new Target(2022, 150, null));

        ProgressCalculator.Calculate(makers, [Observed(2021, 90)], new DateOnly(2022, 3, 1)).Status.Should().Be(ProgressStatus.NoData);
        ProgressCalculator.Calculate(makers, [Observed(2022, 160)], new DateOnly(2023, 3, 1)).Status.Should().Be(ProgressStatus.Achieved);
    }

    [Fact]
    public void Increment_compares_the_increase_over_the_baseline_with_the_target()
    {
        // Jinghai's 雏鹰 row: 84 in 2020, the 2025 cell holds the increment 252.
        var eagles = Facts(Measure.Increment, Direction.Increase, new Baseline(2020, 84), new Target(2025, 252, null));

        var behind = ProgressCalculator.Calculate(eagles, [Observed(2023, 200)], Today);
        var achieved = ProgressCalculator.Calculate(eagles, [Observed(2025, 336)], Today);

        behind.AchievedValue.Should().Be(116);
        behind.ProgressPercent.Should().Be(46.0m);
        behind.Status.Should().Be(ProgressStatus.Behind);
        achieved.AchievedValue.Should().Be(252);
        achieved.Status.Should().Be(ProgressStatus.Achieved);
    }

    [Fact]
    public void Flow_sums_the_yearly_amounts_within_the_period()
    {
        var turnover = Facts(Measure.Flow, Direction.Increase, new Baseline(2020, 15), new Target(2025, 100, null));

        var result = ProgressCalculator.Calculate(turnover,
            [Observed(2020, 15), Observed(2021, 18), Observed(2022, 20, recordedDay: 1), Observed(2022, 22, recordedDay: 2)], Today);

        result.AchievedValue.Should().Be(40);
        result.ProgressPercent.Should().Be(40.0m);
        result.Status.Should().Be(ProgressStatus.OnTrack);
    }

    [Fact]
    public void Without_a_baseline_only_the_target_can_be_judged()
    {
        var patents = Facts(Measure.Stock, Direction.Increase, null, new Target(2022, 2000, null));

        var pending = ProgressCalculator.Calculate(patents, [Observed(2021, 1500)], new DateOnly(2022, 6, 1));
        var missed = ProgressCalculator.Calculate(patents, [Observed(2022, 1900)], new DateOnly(2023, 2, 1));
        var met = ProgressCalculator.Calculate(patents, [Observed(2022, 2000)], new DateOnly(2023, 2, 1));

        pending.Status.Should().Be(ProgressStatus.NoData);
        pending.ProgressPercent.Should().BeNull();
        missed.Status.Should().Be(ProgressStatus.Behind);
        met.Status.Should().Be(ProgressStatus.Achieved);
    }

    [Fact]
    public void A_final_target_without_a_figure_cannot_be_measured()
    {
        // Binhai: 完成新区下达任务 ("fulfil what the New Area assigns") sets no number.
        var assigned = Facts(Measure.Stock, Direction.Increase, new Baseline(2020, 10), new Target(2025, null, null, "完成新区下达任务"));

        var result = ProgressCalculator.Calculate(assigned, [Observed(2023, 12)], Today);

        result.Status.Should().Be(ProgressStatus.NoData);
        result.ProgressPercent.Should().BeNull();
        result.Target.Raw.Should().Be("完成新区下达任务");
    }

    [Fact]
    public void A_milestone_without_a_figure_is_left_off_the_path()
    {
        var facts = Facts(Measure.Stock, Direction.Increase, new Baseline(2020, 100),
            new Target(2022, null, null, "稳步增长"), new Target(2025, 200, null));

        var result = ProgressCalculator.Calculate(facts, [Observed(2022, 140)], Today);

        result.ExpectedPercentAtActual.Should().Be(40.0m);
        result.Status.Should().Be(ProgressStatus.OnTrack);
    }
}
