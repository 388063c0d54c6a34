using Plans.Api.Domain;
using Plans.Api.RegisterMetrics;
using Plans.Api.RegisterMetrics.Refresh;
using Plans.Api.RegisterMetrics.Sources.Enterprises;
using SharedKernel.Regions;

namespace Plans.UnitTests;

/// <summary>
/// The enterprise metrics as the engine counts them: each enterprise's contributions, summed over the
/// places within a region and the window of days of the metric's terms, as the counters are.
/// </summary>
public class EnterpriseMetricsTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTimeOffset Seen = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<RegisteredEnterprise> enterprises =
    [
        new("A-BINHAI-IN-ZONE", "120116", "12Z01", Seen),
        new("B-JINGHAI", "120118", null, Seen),
        new("C-BINHAI", "120116", null, Seen),
        new("D-DONGLI", "120110", null, Seen),
    ];

    private readonly List<RegisteredQualification> qualifications = [];
    private readonly List<RegisteredDesignation> designations = [];
    private long nextId = 1;

    private void Grant(string creditCode, string type, DateOnly grantedOn, DateOnly? expiresOn = null,
        QualificationStatus status = QualificationStatus.Valid) =>
        qualifications.Add(new RegisteredQualification(nextId++, creditCode, type, grantedOn, expiresOn ?? grantedOn.AddYears(3), status, Seen));

    private void Designate(string creditCode, string kind, DateOnly since, DateOnly? endedOn = null, bool withdrawn = false) =>
        designations.Add(new RegisteredDesignation(nextId++, creditCode, kind, null, since, endedOn, withdrawn, Seen));

    private static IndicatorFacts Facts(Measure measure, decimal? baseline, int baselineYear = 2020) =>
        new(measure, Direction.Increase, baseline is { } b ? new Baseline(baselineYear, b) : null, [new Target(2025, 1000m, null)]);

    /// <summary>What the counters would hold for the copy, summed as the refresher sums them.</summary>
    private long Count(string key, string region, DateOnly? today = null, IndicatorFacts? facts = null)
    {
        var metric = EnterpriseMetricKeys.Parse(key) ?? throw new ArgumentException(key);
        var contributions = enterprises.SelectMany(e => EnterpriseContributions.Of(e,
            qualifications.Where(q => q.CreditCode == e.CreditCode), designations.Where(d => d.CreditCode == e.CreditCode))).ToList();
        var places = RegionCodes.Within(region);
        return metric.Terms.Sum(term =>
        {
            var (from, to) = MetricValues.DaysOf(term.Window, facts ?? Facts(Measure.Stock, 0), 2021, today ?? Today);
            return contributions.LongCount(c => c.Series == term.Series && (places.Contains(c.District) || places.Contains(c.Zone))
                && c.Day >= from && c.Day <= to);
        });
    }

    [Fact]
    public void An_enterprise_counts_where_its_district_or_its_zone_lies_and_only_once_in_the_municipality()
    {
        foreach (var e in enterprises)
        {
            Grant(e.CreditCode, "HighTech", new DateOnly(2025, 3, 1));
        }

        Count("enterprises.qualified.HighTech", "120000").Should().Be(4, "the zone enterprise is one enterprise, counted by its district");
        Count("enterprises.qualified.HighTech", "12Z01").Should().Be(1, "a zone plan counts the enterprises in the zone");
        Count("enterprises.qualified.HighTech", "120116").Should().Be(2);
        Count("enterprises.qualified.HighTech", "120118").Should().Be(1);
        Count("enterprises.qualified.HighTech", "120101").Should().Be(0);
    }

    [Fact]
    public void Qualified_counts_enterprises_holding_a_valid_qualification_today_each_once()
    {
        Grant("B-JINGHAI", "HighTech", new DateOnly(2023, 12, 1));
        Grant("B-JINGHAI", "HighTech", new DateOnly(2026, 10, 1)); // a renewal overlapping the old certificate
        Grant("C-BINHAI", "HighTech", new DateOnly(2023, 11, 22), new DateOnly(2026, 11, 22));
        Grant("D-DONGLI", "HighTech", new DateOnly(2023, 11, 21), new DateOnly(2026, 11, 21));
        Grant("A-BINHAI-IN-ZONE", "TechSme", new DateOnly(2026, 1, 1));

        Count("enterprises.qualified.HighTech", "120000").Should().Be(2,
            "Jinghai's two certificates are one enterprise; Binhai's expires today and still holds; Dongli's expired yesterday");
    }

    [Fact]
    public void Qualified_leaves_out_revoked_and_expired_qualifications()
    {
        Grant("B-JINGHAI", "HighTech", new DateOnly(2025, 1, 1), status: QualificationStatus.Revoked);
        Grant("C-BINHAI", "HighTech", new DateOnly(2022, 1, 1), new DateOnly(2025, 12, 31), QualificationStatus.Expired);
        Grant("D-DONGLI", "HighTech", new DateOnly(2025, 1, 1));

        Count("enterprises.qualified.HighTech", "120000").Should().Be(1);
    }

    [Fact]
    public void Granted_counts_grants_since_the_baseline_that_were_not_revoked_expired_ones_included()
    {
        Grant("B-JINGHAI", "Eagle", new DateOnly(2020, 12, 31));
        Grant("B-JINGHAI", "Eagle", new DateOnly(2021, 1, 1), new DateOnly(2022, 1, 1), QualificationStatus.Expired);
        Grant("B-JINGHAI", "Eagle", new DateOnly(2024, 6, 1));
        Grant("C-BINHAI", "Eagle", new DateOnly(2025, 6, 1), status: QualificationStatus.Revoked);
        Grant("D-DONGLI", "Eagle", new DateOnly(2026, 12, 1));

        var cumulative = Facts(Measure.Cumulative, 84);
        Count("enterprises.granted.Eagle", "120000", facts: cumulative).Should().Be(2,
            "the 2020 grant is in the baseline, the revoked one does not count, and one dated after today has not happened");
        Count("enterprises.granted.Eagle", "120118", facts: cumulative).Should().Be(2);
        Count("enterprises.granted.Eagle", "120116", facts: cumulative).Should().Be(0);
    }

    [Fact]
    public void Entered_counts_each_enterprise_once_by_its_first_entry_so_a_period_sum_is_of_distinct_enterprises()
    {
        // Jinghai T1-03: TechSme entries are yearly, so an enterprise entered in 2021 is typically entered again every year.
        foreach (var year in new[] { 2021, 2022, 2023 })
        {
            Grant("B-JINGHAI", "TechSme", new DateOnly(year, 4, 1), new DateOnly(year, 12, 31), QualificationStatus.Expired);
        }

        Grant("A-BINHAI-IN-ZONE", "TechSme", new DateOnly(2019, 4, 1), new DateOnly(2019, 12, 31), QualificationStatus.Expired);
        Grant("A-BINHAI-IN-ZONE", "TechSme", new DateOnly(2022, 4, 1), new DateOnly(2022, 12, 31), QualificationStatus.Expired);
        Grant("C-BINHAI", "TechSme", new DateOnly(2021, 4, 1), new DateOnly(2021, 12, 31), QualificationStatus.Revoked);
        Grant("C-BINHAI", "TechSme", new DateOnly(2022, 5, 1), new DateOnly(2022, 12, 31), QualificationStatus.Expired);

        var flow = Facts(Measure.Flow, 363);
        Count("enterprises.entered.TechSme", "120000", new DateOnly(2021, 12, 31), flow).Should().Be(1,
            "in 2021 only B entered first; C's 2021 entry was revoked");
        Count("enterprises.entered.TechSme", "120000", new DateOnly(2022, 12, 31), flow).Should().Be(1,
            "in 2022 C entered first; B was entered again and A first entered in 2019, before the period");
        Count("enterprises.entered.TechSme", "120000", new DateOnly(2023, 12, 31), flow).Should().Be(0);
        Count("enterprises.granted.TechSme", "120000", new DateOnly(2022, 12, 31), flow).Should().Be(3,
            "granted counts every entry of the year, which is why a period total of distinct enterprises cannot use it");
        var cumulative = Facts(Measure.Cumulative, 363);
        Count("enterprises.entered.TechSme", "120000", new DateOnly(2023, 12, 31), cumulative).Should().Be(2,
            "since the baseline year: B and C, each once");
    }

    [Fact]
    public void A_sum_of_types_adds_the_holders_of_each()
    {
        Grant("B-JINGHAI", "Leader", new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31));
        Grant("C-BINHAI", "LeaderCultivation", new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31));
        Grant("D-DONGLI", "LeaderCultivation", new DateOnly(2022, 1, 1), new DateOnly(2024, 12, 31), QualificationStatus.Expired);

        Count("enterprises.qualified.Leader+LeaderCultivation", "120000").Should().Be(2);
        Count("enterprises.qualified.LeaderCultivation+Leader", "120116").Should().Be(1);
    }

    [Fact]
    public void TechSme_counts_entries_valid_in_this_or_the_previous_calendar_year_across_the_year_end()
    {
        Grant("B-JINGHAI", "TechSme", new DateOnly(2026, 3, 1), new DateOnly(2026, 12, 31));
        Grant("C-BINHAI", "TechSme", new DateOnly(2025, 4, 1), new DateOnly(2025, 12, 31), QualificationStatus.Expired);
        Grant("D-DONGLI", "TechSme", new DateOnly(2024, 4, 1), new DateOnly(2024, 12, 31), QualificationStatus.Expired);

        Count("enterprises.qualified.TechSme", "120000", new DateOnly(2026, 12, 31)).Should().Be(2, "2026's entry and 2025's");
        Count("enterprises.qualified.TechSme", "120000", new DateOnly(2027, 1, 1)).Should().Be(1,
            "on 1 January 2026's entry still counts, as the previous year's; 2025's no longer does");
        Grant("D-DONGLI", "TechSme", new DateOnly(2027, 5, 1), new DateOnly(2027, 12, 31));
        Count("enterprises.qualified.TechSme", "120000", new DateOnly(2027, 7, 1)).Should().Be(2, "2026's and 2027's entries");
        Count("enterprises.qualified.TechSme", "120000", new DateOnly(2028, 1, 1)).Should().Be(1);
    }

    [Fact]
    public void Revenue_bands_count_holders_whose_latest_report_reaches_the_band()
    {
        foreach (var e in enterprises)
        {
            Grant(e.CreditCode, "HighTech", new DateOnly(2025, 3, 1));
        }

        enterprises[0].ApplyRevenue(2024, 2_000_000m, Seen);
        enterprises[0].ApplyRevenue(2025, 1_000_000m, Seen).Should().BeTrue();
        enterprises[1].ApplyRevenue(2025, 999_999.99m, Seen);
        enterprises[2].ApplyRevenue(2025, 150_000m, Seen);
        enterprises[2].ApplyRevenue(2024, 5_000_000m, Seen).Should().BeFalse("an earlier year's report is not the latest");

        Count("enterprises.qualified.HighTech.revenueAtLeast.1000000", "120000").Should().Be(1, "100亿元 exactly reaches the band");
        Count("enterprises.qualified.HighTech.revenueAtLeast.100000", "120000").Should().Be(3);
        Count("enterprises.qualified.HighTech.revenueAtLeast.10000", "12Z01").Should().Be(1);
    }

    [Fact]
    public void Designated_counts_enterprises_holding_a_designation_today_each_once()
    {
        Designate("A-BINHAI-IN-ZONE", "Listed", new DateOnly(2020, 5, 1));
        Designate("A-BINHAI-IN-ZONE", "Listed", new DateOnly(2022, 5, 1)); // a second board
        Designate("B-JINGHAI", "Listed", new DateOnly(2019, 5, 1), endedOn: Today.AddDays(1));
        Designate("C-BINHAI", "Listed", new DateOnly(2019, 5, 1), endedOn: Today);
        Designate("D-DONGLI", "Listed", new DateOnly(2025, 5, 1), withdrawn: true);
        Designate("D-DONGLI", "Unicorn", new DateOnly(2025, 5, 1));

        Count("enterprises.designated.Listed", "120000").Should().Be(2,
            "the zone enterprise once; Jinghai's ends tomorrow, so it holds today; Binhai's ended today; a withdrawn one counts nowhere");
        Count("enterprises.designated.Unicorn", "120110").Should().Be(1);
        Count("enterprises.designated.Listed+Unicorn", "120000").Should().Be(3);
    }

    [Fact]
    public void Counting_from_the_day_after_the_baseline_year_or_else_from_the_period_start()
    {
        MetricValues.CountedFrom(Facts(Measure.Cumulative, 84), 2021, Today).Should().Be(new DateOnly(2021, 1, 1));
        MetricValues.CountedFrom(Facts(Measure.Cumulative, 84, baselineYear: 2019), 2021, Today).Should().Be(new DateOnly(2020, 1, 1));
        MetricValues.CountedFrom(Facts(Measure.Cumulative, null), 2021, Today).Should().Be(new DateOnly(2021, 1, 1));
        MetricValues.CountedFrom(Facts(Measure.Flow, null), 2021, Today).Should().Be(new DateOnly(2026, 1, 1),
            "a flow's observation is the amount of its own year");
    }

    [Fact]
    public void A_running_total_adds_the_baseline_and_an_increment_reports_the_level_reached()
    {
        var grantedEagle = EnterpriseMetricKeys.Parse("enterprises.granted.Eagle")!;
        var qualifiedHighTech = EnterpriseMetricKeys.Parse("enterprises.qualified.HighTech")!;
        MetricValues.ValueOf(grantedEagle, Facts(Measure.Cumulative, 84), 3).Should().Be(87m);
        MetricValues.ValueOf(grantedEagle, Facts(Measure.Increment, 84), 3).Should().Be(87m);
        MetricValues.ValueOf(grantedEagle, Facts(Measure.Cumulative, null), 3).Should().Be(3m);
        MetricValues.ValueOf(grantedEagle, Facts(Measure.Flow, 10), 3).Should().Be(3m);
        MetricValues.ValueOf(grantedEagle, Facts(Measure.Stock, 10), 3).Should().Be(3m);
        MetricValues.ValueOf(qualifiedHighTech, Facts(Measure.Stock, 7420), 5).Should().Be(5m, "a stock is the count itself");
        MetricValues.ValueOf(qualifiedHighTech, Facts(Measure.Cumulative, 216), 5).Should().Be(5m, "holders today are a level, whatever the measure");
    }

    [Theory]
    [InlineData("enterprises.qualified.HighTech", "enterprises.qualified:HighTech", MetricWindow.HeldToday)]
    [InlineData("enterprises.qualified.TechSme", "enterprises.qualified:TechSme", MetricWindow.HeldThisOrLastYear)]
    [InlineData("enterprises.granted.Gazelle", "enterprises.granted:Gazelle", MetricWindow.SinceBaseline)]
    [InlineData("enterprises.designated.Unicorn", "enterprises.designated:Unicorn", MetricWindow.HeldToday)]
    [InlineData("enterprises.qualified.HighTech.revenueAtLeast.1000000", "enterprises.qualified:HighTech:revenueAtLeast:1000000", MetricWindow.HeldToday)]
    public void Reads_enterprise_metric_keys(string key, string series, MetricWindow window)
    {
        var metric = EnterpriseMetricKeys.Parse(key)!;
        metric.Key.Should().Be(key);
        metric.Register.Should().Be("enterprises");
        metric.Terms.Should().Equal(new MetricTerm(series, window));
    }

    [Fact]
    public void A_sum_of_types_sums_one_series_per_type()
    {
        EnterpriseMetricKeys.Parse("enterprises.qualified.Leader+LeaderCultivation")!.Terms.Select(t => t.Series)
            .Should().Equal("enterprises.qualified:Leader", "enterprises.qualified:LeaderCultivation");
    }

    [Theory]
    [InlineData("platforms.active.KeyLab")]
    [InlineData("enterprises.qualified.Unicorn")]
    [InlineData("enterprises.active.HighTech")]
    [InlineData("enterprises.qualified.HighTech+HighTech")]
    [InlineData("enterprises.qualified.HighTech+")]
    [InlineData("enterprises.qualified.+HighTech")]
    [InlineData("enterprises.designated.Delisted")]
    [InlineData("enterprises.designated.HighTech")]
    [InlineData("enterprises.qualified.HighTech.revenueAtLeast.5000")]
    [InlineData("enterprises.qualified.HighTech.revenueAtLeast.01000000")]
    [InlineData("enterprises.qualified.HighTech.revenueAtLeast")]
    [InlineData("enterprises.granted.HighTech.revenueAtLeast.10000")]
    [InlineData("enterprises.designated.Listed.revenueAtLeast.10000")]
    public void Other_keys_are_not_enterprise_metrics(string key) => EnterpriseMetricKeys.Parse(key).Should().BeNull();
}
