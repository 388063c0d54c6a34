using Plans.Api.Domain;

namespace Plans.UnitTests;

public class MetricKeyTests
{
    [Theory]
    [InlineData("enterprises.qualified.HighTech")]
    [InlineData("enterprises.granted.Eagle")]
    [InlineData("platforms.active.KeyLab")]
    [InlineData("platforms.active.Incubator.national")]
    [InlineData("platforms.tenants.active")]
    [InlineData("talent.recognized.海河英才")]
    public void Accepts_the_documented_metric_families(string key) => MetricKey.IsValid(key).Should().BeTrue();

    [Theory]
    [InlineData("enterprises.qualified.Hightech")]
    [InlineData("enterprises.qualified")]
    [InlineData("platforms.active.Incubator.provincial")]
    [InlineData("platforms.tenants")]
    [InlineData("talent.recognized.")]
    [InlineData("gdp.share")]
    public void Rejects_unknown_or_malformed_keys(string key) => MetricKey.IsValid(key).Should().BeFalse();
}
