using Plans.Api.RegisterMetrics;
using Plans.Api.RegisterMetrics.Sources.Platforms;

namespace Plans.UnitTests;

public class PlatformContributionsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Approved = new(2023, 5, 8);

    private static PlatformFacts Facts(string type = "MakerSpace", string? status = "active", string designations = "", bool abroad = false,
        bool enterpriseHosted = false) =>
        new(type, "municipal", status, designations, abroad, enterpriseHosted, Approved, "120116", "12Z01");

    private static List<Contribution> Of(PlatformFacts facts, params RegisteredTenant[] tenants) =>
        PlatformContributions.Of(new RegisteredPlatform(Guid.NewGuid(), facts, Monday), tenants).ToList();

    [Fact]
    public void An_active_platform_adds_to_its_series_and_to_the_series_of_each_filter_it_passes_active_and_accredited()
    {
        var contributions = Of(Facts(designations: "specialized", abroad: true, enterpriseHosted: true));

        contributions.Where(c => c.Day == DateOnly.MaxValue).Select(c => c.Series).Should().BeEquivalentTo(
            "platforms.active:MakerSpace:municipal", "platforms.active:MakerSpace:municipal:abroad",
            "platforms.active:MakerSpace:municipal:enterpriseHosted", "platforms.active:MakerSpace:municipal:designated:specialized");
        contributions.Where(c => c.Day == Approved).Select(c => c.Series).Should().BeEquivalentTo(
            "platforms.accredited:MakerSpace:municipal", "platforms.accredited:MakerSpace:municipal:abroad",
            "platforms.accredited:MakerSpace:municipal:enterpriseHosted", "platforms.accredited:MakerSpace:municipal:designated:specialized");
        contributions.Should().HaveCount(8).And.OnlyContain(c => c.District == "120116" && c.Zone == "12Z01");
    }

    [Theory]
    [InlineData("underConstruction")]
    [InlineData("suspended")]
    public void A_platform_that_is_not_active_counts_only_as_accredited(string status) =>
        Of(Facts(status: status)).Should().Equal(new Contribution("platforms.accredited:MakerSpace:municipal", "120116", "12Z01", Approved));

    [Fact]
    public void A_revoked_platform_and_one_only_a_tenant_named_count_nowhere_but_their_tenants_do()
    {
        var tenant = new RegisteredTenant(5, Guid.NewGuid(), null, Monday);

        Of(Facts(status: "revoked")).Should().BeEmpty();
        Of(Facts(status: null), tenant).Should().Equal(new Contribution("platforms.tenants:active", "120116", "12Z01", DateOnly.MaxValue));
    }

    [Fact]
    public void A_type_the_keys_cannot_name_adds_to_no_platform_series()
    {
        var tenant = new RegisteredTenant(5, Guid.NewGuid(), null, Monday);

        Of(Facts(type: "SeedFund", designations: "specialized"), tenant).Select(c => c.Series).Should().Equal("platforms.tenants:active");
    }

    [Fact]
    public void News_that_changes_only_a_designation_is_a_change_and_older_news_is_ignored()
    {
        var platform = new RegisteredPlatform(Guid.NewGuid(), Facts(designations: "specialized"), Monday);

        platform.Apply(Facts(), Monday.AddHours(1)).Should().BeTrue();
        platform.Apply(Facts(designations: "specialized"), Monday).Should().BeFalse();

        platform.DesignationList.Should().BeEmpty();
        platform.Apply(Facts(), Monday.AddHours(2)).Should().BeFalse("nothing a metric counts changed");
    }

    [Fact]
    public void Designations_are_kept_sorted_whatever_order_the_news_lists_them_in() =>
        PlatformFacts.Join(["specialized", "demonstration"]).Should().Be(PlatformFacts.Join(["demonstration", "specialized"]));
}
