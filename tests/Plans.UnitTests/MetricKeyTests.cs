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
    [InlineData("enterprises.qualified.Leader+LeaderCultivation")]
    [InlineData("enterprises.qualified.HighTech.revenueAtLeast.1000000")]
    [InlineData("enterprises.designated.Listed")]
    [InlineData("enterprises.designated.Unicorn+PotentialUnicorn")]
    [InlineData("platforms.active.KeyLab")]
    [InlineData("platforms.active.Incubator.national")]
    [InlineData("platforms.tenants.active")]
    [InlineData("talent.recognized.海河英才")]
    public void Accepts_the_documented_metric_families(string key) => Sources.Parse(key).Should().NotBeNull();

    [Theory]
    [InlineData("enterprises.qualified.Hightech")]
    [InlineData("enterprises.qualified")]
    [InlineData("Enterprises.qualified.HighTech")]
    [InlineData("platforms.active.Incubator.provincial")]
    [InlineData("platforms.tenants")]
    [InlineData("talent.recognized.")]
    [InlineData("gdp.share")]
    [InlineData("libraries.open")]
    [InlineData(".")]
    [InlineData("")]
    public void Rejects_unknown_or_malformed_keys(string key) => Sources.Parse(key).Should().BeNull();

    [Fact]
    public void Only_the_enterprise_register_is_connected_and_each_key_names_its_register()
    {
        Sources.Connected.Select(s => s.Register).Should().Equal("enterprises");
        Sources.Parse("platforms.active.KeyLab")!.Register.Should().Be("platforms");
        Sources.Find("Enterprises")!.Register.Should().Be("enterprises", "a register is found whatever the case of its name");
        Sources.KeySummary.Should().Contain("enterprises.qualified.{Type}").And.Contain("talent.recognized.{Programme}");
        Sources.KeyDocumentation.Should().Contain("revenueAtLeast").And.Contain("TechSme").And.Contain("designated");
    }
}
