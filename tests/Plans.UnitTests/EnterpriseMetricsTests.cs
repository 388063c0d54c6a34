using Plans.Api.Domain;
using Plans.Api.Metrics;

namespace Plans.UnitTests;

public class EnterpriseMetricsTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTimeOffset Seen = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly EnterpriseMetric QualifiedHighTech = new(EnterpriseMetricKind.Qualified, "HighTech");
    private static readonly EnterpriseMetric GrantedEagle = new(EnterpriseMetricKind.Granted, "Eagle");

    private readonly List<RegisteredEnterprise> enterprises =
    [
        new("A-BINHAI-IN-ZONE", "120116", "12Z01", Seen),
        new("B-JINGHAI", "120118", null, Seen),
        new("C-BINHAI", "120116", null, Seen),
        new("D-DONGLI", "120110", null, Seen),
    ];

    private readonly List<RegisteredQualification> qualifications = [];
    private long nextId = 1;

    private void Grant(string creditCode, string type, DateOnly grantedOn, DateOnly? expiresOn = null,
        QualificationStatus status = QualificationStatus.Valid) =>
        qualifications.Add(new RegisteredQualification(nextId++, creditCode, type, grantedOn, expiresOn ?? grantedOn.AddYears(3), status, Seen));

    private int Count(EnterpriseMetric metric, string region, DateOnly? grantedFrom = null) =>
        EnterpriseMetrics.CountAsync(enterprises.AsQueryable(), qualifications.AsQueryable(), metric, region,
            grantedFrom ?? new DateOnly(2021, 1, 1), Today).Result;

    private static IndicatorFacts Facts(Measure measure, decimal? baseline, int baselineYear = 2020) =>
        new(measure, Direction.Increase, baseline is { } b ? new Baseline(baselineYear, b) : null, [new Target(2025, 1000m, null)]);

    [Fact]
    public void An_enterprise_counts_where_its_district_or_its_zone_lies_and_only_once_in_the_municipality()
    {
        foreach (var e in enterprises)
        {
            Grant(e.CreditCode, "HighTech", new DateOnly(2025, 3, 1));
        }

        Count(QualifiedHighTech, "120000").Should().Be(4, "the zone enterprise is one enterprise, counted by its district");
        Count(QualifiedHighTech, "12Z01").Should().Be(1, "a zone plan counts the enterprises in the zone");
        Count(QualifiedHighTech, "120116").Should().Be(2);
        Count(QualifiedHighTech, "120118").Should().Be(1);
        Count(QualifiedHighTech, "120101").Should().Be(0);
    }

    [Fact]
    public void Qualified_counts_enterprises_holding_a_valid_qualification_today_each_once()
    {
        Grant("B-JINGHAI", "HighTech", new DateOnly(2023, 12, 1));
        Grant("B-JINGHAI", "HighTech", new DateOnly(2026, 10, 1)); // a renewal overlapping the old certificate
        Grant("C-BINHAI", "HighTech", new DateOnly(2023, 11, 22), new DateOnly(2026, 11, 22));
        Grant("D-DONGLI", "HighTech", new DateOnly(2023, 11, 21), new DateOnly(2026, 11, 21));
        Grant("A-BINHAI-IN-ZONE", "HighTech", new DateOnly(2026, 11, 23));
        Grant("A-BINHAI-IN-ZONE", "TechSme", new DateOnly(2026, 1, 1));

        Count(QualifiedHighTech, "120000").Should().Be(2,
            "Jinghai's two certificates are one enterprise; Binhai's expires today and still holds; Dongli's expired yesterday; a grant dated tomorrow does not hold yet");
    }

    [Fact]
    public void Qualified_leaves_out_revoked_and_expired_qualifications_whatever_their_dates()
    {
        Grant("B-JINGHAI", "HighTech", new DateOnly(2025, 1, 1), status: QualificationStatus.Revoked);
        Grant("C-BINHAI", "HighTech", new DateOnly(2025, 1, 1), status: QualificationStatus.Expired);
        Grant("D-DONGLI", "HighTech", new DateOnly(2025, 1, 1));

        Count(QualifiedHighTech, "120000").Should().Be(1);
    }

    [Fact]
    public void Granted_counts_grants_since_the_baseline_that_were_not_revoked_expired_ones_included()
    {
        Grant("B-JINGHAI", "Eagle", new DateOnly(2020, 12, 31));
        Grant("B-JINGHAI", "Eagle", new DateOnly(2021, 1, 1), new DateOnly(2022, 1, 1), QualificationStatus.Expired);
        Grant("B-JINGHAI", "Eagle", new DateOnly(2024, 6, 1));
        Grant("C-BINHAI", "Eagle", new DateOnly(2025, 6, 1), status: QualificationStatus.Revoked);
        Grant("D-DONGLI", "Eagle", new DateOnly(2026, 12, 1));

        Count(GrantedEagle, "120000", new DateOnly(2021, 1, 1)).Should().Be(2,
            "the 2020 grant is in the baseline, the revoked one does not count, and one dated after today has not happened");
        Count(GrantedEagle, "120118", new DateOnly(2021, 1, 1)).Should().Be(2);
        Count(GrantedEagle, "120116", new DateOnly(2021, 1, 1)).Should().Be(0);
    }

    [Fact]
    public void Granted_counts_from_the_day_after_the_baseline_year_or_else_from_the_period_start()
    {
        EnterpriseMetrics.GrantedFrom(Facts(Measure.Cumulative, 84), 2021, Today).Should().Be(new DateOnly(2021, 1, 1));
        EnterpriseMetrics.GrantedFrom(Facts(Measure.Cumulative, 84, baselineYear: 2019), 2021, Today).Should().Be(new DateOnly(2020, 1, 1));
        EnterpriseMetrics.GrantedFrom(Facts(Measure.Cumulative, null), 2021, Today).Should().Be(new DateOnly(2021, 1, 1));
        EnterpriseMetrics.GrantedFrom(Facts(Measure.Flow, null), 2021, Today).Should().Be(new DateOnly(2026, 1, 1),
            "a flow's observation is the amount of its own year");
    }

    [Fact]
    public void A_running_total_adds_the_baseline_and_an_increment_reports_the_level_reached()
    {
        EnterpriseMetrics.ValueOf(GrantedEagle, Facts(Measure.Cumulative, 84), 3).Should().Be(87m);
        EnterpriseMetrics.ValueOf(GrantedEagle, Facts(Measure.Increment, 84), 3).Should().Be(87m);
        EnterpriseMetrics.ValueOf(GrantedEagle, Facts(Measure.Cumulative, null), 3).Should().Be(3m);
        EnterpriseMetrics.ValueOf(GrantedEagle, Facts(Measure.Flow, 10), 3).Should().Be(3m);
        EnterpriseMetrics.ValueOf(GrantedEagle, Facts(Measure.Stock, 10), 3).Should().Be(3m);
        EnterpriseMetrics.ValueOf(QualifiedHighTech, Facts(Measure.Stock, 7420), 5).Should().Be(5m, "a stock is the count itself");
    }

    [Theory]
    [InlineData("enterprises.qualified.HighTech", EnterpriseMetricKind.Qualified, "HighTech")]
    [InlineData("enterprises.granted.Gazelle", EnterpriseMetricKind.Granted, "Gazelle")]
    public void Reads_enterprise_metric_keys(string key, EnterpriseMetricKind kind, string type)
    {
        var metric = EnterpriseMetric.Parse(key);
        metric.Should().Be(new EnterpriseMetric(kind, type));
        metric!.Key.Should().Be(key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("platforms.active.KeyLab")]
    [InlineData("enterprises.qualified.Unicorn")]
    [InlineData("enterprises.active.HighTech")]
    public void Other_keys_are_not_enterprise_metrics(string? key) => EnterpriseMetric.Parse(key).Should().BeNull();
}
