using Plans.Api.RegisterMetrics;
using Plans.Api.RegisterMetrics.Sources.Enterprises;
using Plans.Api.RegisterMetrics.Sources.Platforms;
using Plans.Api.RegisterMetrics.Sources.Talent;

namespace Plans.UnitTests;

public class MetricKeyTests
{
    private static readonly RegisterSources Sources = new([new EnterprisesSource(), new PlatformsSource(), new TalentSource()]);

    [Theory]
    [InlineData("enterprises.qualified.HighTech")]
    [InlineData("enterprises.granted.Eagle")]
    [InlineData("enterprises.entered.TechSme")]
    [InlineData("enterprises.qualified.Leader+LeaderCultivation")]
    [InlineData("enterprises.qualified.HighTech.revenueAtLeast.1000000")]
    [InlineData("enterprises.designated.Listed")]
    [InlineData("enterprises.designated.Unicorn+PotentialUnicorn")]
    [InlineData("platforms.active.KeyLab")]
    [InlineData("platforms.active.Incubator.national")]
    [InlineData("platforms.tenants.active")]
    [InlineData("platforms.active.UniversitySciencePark.municipalOrAbove")]
    [InlineData("platforms.active.Incubator+MakerSpace+StarInnovationStation")]
    [InlineData("platforms.active.all")]
    [InlineData("platforms.active.all.abroad")]
    [InlineData("platforms.active.MakerSpace.designated.specialized")]
    [InlineData("platforms.active.KeyLab.municipal.designated.enterprise")]
    [InlineData("platforms.active.KeyLab.municipalOrAbove.enterpriseHosted")]
    [InlineData("platforms.accredited.UniversitySciencePark.municipal")]
    [InlineData("platforms.accredited.Incubator+MakerSpace.national.abroad")]
    [InlineData("talent.recognized.海河英才")]
    [InlineData("talent.recognized.YoungScientists")]
    [InlineData("talent.recognized.HaiheTalent+HaiheTalentUpgraded.foreign")]
    [InlineData("talent.commissioners.active")]
    [InlineData("talent.commissioners.excellent")]
    public void Accepts_the_documented_metric_families(string key) => Sources.Parse(key).Should().NotBeNull();

    [Theory]
    [InlineData("enterprises.qualified.Hightech")]
    [InlineData("enterprises.qualified")]
    [InlineData("Enterprises.qualified.HighTech")]
    [InlineData("platforms.active.Incubator.provincial")]
    [InlineData("platforms.tenants")]
    [InlineData("platforms.active.Incubator+Incubator")]
    [InlineData("platforms.active.Incubator+")]
    [InlineData("platforms.active.incubator")]
    [InlineData("platforms.active.All")]
    [InlineData("platforms.active.all+Incubator")]
    [InlineData("platforms.active.Incubator.abroad.national")]
    [InlineData("platforms.active.Incubator.national.abroad.enterpriseHosted")]
    [InlineData("platforms.active.Incubator.overseas")]
    [InlineData("platforms.active.Incubator.national.")]
    [InlineData("platforms.active.MakerSpace.designated")]
    [InlineData("platforms.active.MakerSpace.designated.")]
    [InlineData("platforms.active.MakerSpace.designated.Specialized")]
    [InlineData("platforms.active.MakerSpace.designated.专业化")]
    [InlineData("platforms.active.MakerSpace.designated.specialized.abroad")]
    [InlineData("platforms.active.MakerSpace.designated.aVeryLongDesignationOfThirtyOneX")]
    [InlineData("platforms.accredited")]
    [InlineData("platforms.accredited.Incubator.provincial")]
    [InlineData("platforms.tenants.active.abroad")]
    [InlineData("talent.recognized.")]
    [InlineData("talent.recognized.HaiheTalent.domestic")]
    [InlineData("talent.recognized.HaiheTalent+HaiheTalent")]
    [InlineData("talent.recognized.Haihe Talent")]
    [InlineData("talent.commissioners")]
    [InlineData("talent.commissioners.excellent.foreign")]
    [InlineData("gdp.share")]
    [InlineData("libraries.open")]
    [InlineData(".")]
    [InlineData("")]
    public void Rejects_unknown_or_malformed_keys(string key) => Sources.Parse(key).Should().BeNull();

    [Fact]
    public void The_enterprise_platform_and_talent_registers_are_connected_and_each_key_names_its_register()
    {
        Sources.Connected.Select(s => s.Register).Should().Equal("enterprises", "platforms", "talent");
        Sources.Parse("talent.commissioners.active")!.Register.Should().Be("talent");
        Sources.Parse("platforms.active.KeyLab")!.Register.Should().Be("platforms");
        Sources.Find("Enterprises")!.Register.Should().Be("enterprises", "a register is found whatever the case of its name");
        Sources.KeySummary.Should().Contain("enterprises.qualified.{Type}").And.Contain("talent.recognized.{Programme}");
        Sources.KeyDocumentation.Should().Contain("revenueAtLeast").And.Contain("TechSme").And.Contain("designated");
    }

    [Fact]
    public void Municipal_or_above_sums_the_national_and_municipal_series_of_each_type()
    {
        Sources.Parse("platforms.active.Incubator+MakerSpace.municipalOrAbove")!.Terms.Should().Equal(
            new MetricTerm("platforms.active:Incubator:national", MetricWindow.HeldToday),
            new MetricTerm("platforms.active:Incubator:municipal", MetricWindow.HeldToday),
            new MetricTerm("platforms.active:MakerSpace:national", MetricWindow.HeldToday),
            new MetricTerm("platforms.active:MakerSpace:municipal", MetricWindow.HeldToday));
        Sources.Parse("platforms.active.KeyLab")!.Terms.Select(t => t.Series)
            .Should().Equal("platforms.active:KeyLab:national", "platforms.active:KeyLab:municipal", "platforms.active:KeyLab:district");
        Sources.Parse("platforms.tenants.active")!.Terms.Should().Equal(new MetricTerm("platforms.tenants:active", MetricWindow.HeldToday));
    }

    [Fact]
    public void A_filter_sums_the_filtered_series_of_each_type_and_level()
    {
        Sources.Parse("platforms.active.KeyLab.municipal.designated.enterprise")!.Terms.Should().Equal(
            new MetricTerm("platforms.active:KeyLab:municipal:designated:enterprise", MetricWindow.HeldToday));
        Sources.Parse("platforms.active.MakerSpace.designated.specialized")!.Terms.Select(t => t.Series).Should().Equal(
            "platforms.active:MakerSpace:national:designated:specialized", "platforms.active:MakerSpace:municipal:designated:specialized",
            "platforms.active:MakerSpace:district:designated:specialized");
        Sources.Parse("platforms.active.Incubator.national.enterpriseHosted")!.Terms.Should().Equal(
            new MetricTerm("platforms.active:Incubator:national:enterpriseHosted", MetricWindow.HeldToday));
    }

    [Fact]
    public void All_sums_every_type_of_the_catalog_and_accredited_counts_since_the_baseline()
    {
        var abroad = Sources.Parse("platforms.active.all.abroad")!.Terms;
        abroad.Should().HaveCount(PlatformMetricKeys.PlatformTypes.Count * 3).And.OnlyContain(t => t.Window == MetricWindow.HeldToday);
        abroad.Select(t => t.Series).Should().Contain("platforms.active:NewRndInstitution:district:abroad")
            .And.Contain("platforms.active:Incubator:national:abroad").And.OnlyHaveUniqueItems();
        Sources.Parse("platforms.accredited.UniversitySciencePark.municipal")!.Terms.Should().Equal(
            new MetricTerm("platforms.accredited:UniversitySciencePark:municipal", MetricWindow.SinceBaseline));
        Sources.Parse("platforms.accredited.UniversitySciencePark.municipal")!.CountsSinceBaseline.Should().BeTrue();
    }

    [Fact]
    public void A_programme_counts_both_nationalities_and_foreign_only_the_foreign_series()
    {
        Sources.Parse("talent.recognized.HaiheTalent+YoungScientists")!.Terms.Should().Equal(
            new MetricTerm("talent.recognized:HaiheTalent:domestic", MetricWindow.HeldToday),
            new MetricTerm("talent.recognized:HaiheTalent:foreign", MetricWindow.HeldToday),
            new MetricTerm("talent.recognized:YoungScientists:domestic", MetricWindow.HeldToday),
            new MetricTerm("talent.recognized:YoungScientists:foreign", MetricWindow.HeldToday));
        Sources.Parse("talent.recognized.HaiheTalent.foreign")!.Terms.Should().Equal(
            new MetricTerm("talent.recognized:HaiheTalent:foreign", MetricWindow.HeldToday));
        Sources.Parse("talent.commissioners.excellent")!.Terms.Should().Equal(
            new MetricTerm("talent.commissioners:excellent", MetricWindow.HeldToday));
    }
}
