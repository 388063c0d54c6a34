using Plans.Api.RegisterMetrics.Authority;
using Plans.Api.RegisterMetrics.Sources.Enterprises;

namespace Plans.UnitTests;

public class RegisterCopyTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void A_stale_grant_does_not_bring_back_a_revoked_qualification()
    {
        var q = new RegisteredQualification(7, "C", "HighTech", new DateOnly(2026, 1, 1), new DateOnly(2029, 1, 1), QualificationStatus.Valid, Monday);
        q.Apply("HighTech", new DateOnly(2026, 1, 1), new DateOnly(2029, 1, 1), QualificationStatus.Revoked, Monday.AddHours(1)).Should().BeTrue();

        q.Apply("HighTech", new DateOnly(2026, 1, 1), new DateOnly(2029, 1, 1), QualificationStatus.Valid, Monday).Should().BeFalse();

        q.Status.Should().Be(QualificationStatus.Revoked);
        q.LastEventAt.Should().Be(Monday.AddHours(1));
    }

    [Fact]
    public void An_enterprise_moves_only_on_news_newer_than_what_it_holds()
    {
        var e = new RegisteredEnterprise("C", "120118", null, Monday);
        e.Apply("120116", "12Z01", Monday.AddDays(1)).Should().BeTrue();
        e.Apply("120118", null, Monday.AddHours(2)).Should().BeFalse();

        (e.RegionCode, e.ZoneCode).Should().Be(("120116", "12Z01"));
    }

    [Fact]
    public void The_same_grant_again_changes_no_count_but_moves_the_time_on()
    {
        var q = new RegisteredQualification(7, "C", "HighTech", new DateOnly(2026, 1, 1), new DateOnly(2029, 1, 1), QualificationStatus.Valid, Monday);

        q.Apply("HighTech", new DateOnly(2026, 1, 1), new DateOnly(2029, 1, 1), QualificationStatus.Valid, Monday.AddHours(1))
            .Should().BeFalse("nothing a metric counts changed");

        q.LastEventAt.Should().Be(Monday.AddHours(1), "older news must still be kept out");
        q.Apply("HighTech", new DateOnly(2026, 1, 1), new DateOnly(2029, 1, 1), QualificationStatus.Revoked, Monday.AddMinutes(30))
            .Should().BeFalse();
        q.Status.Should().Be(QualificationStatus.Valid);
    }

    [Fact]
    public void A_renamed_enterprise_that_stays_where_it_is_has_not_moved()
    {
        var e = new RegisteredEnterprise("C", "120118", null, Monday);

        e.Apply("120118", null, Monday.AddDays(1)).Should().BeFalse();
        e.Apply("120110", null, Monday.AddHours(2)).Should().BeFalse("news older than the rename is ignored");

        (e.RegionCode, e.LastEventAt).Should().Be(("120118", Monday.AddDays(1)));
    }

    [Fact]
    public void The_nearest_statement_in_force_at_or_above_the_region_makes_the_register_authoritative()
    {
        var municipal = new RegisterAuthority("120000", "enterprises", true, new DateOnly(2026, 1, 1), Monday);
        var jinghai = new RegisterAuthority("120118", "enterprises", true, new DateOnly(2025, 6, 1), Monday);
        var dongliLater = new RegisterAuthority("120110", "enterprises", true, new DateOnly(2027, 1, 1), Monday);
        var baodiNo = new RegisterAuthority("120115", "enterprises", false, null, Monday);

        RegisterAuthorities.InForce([municipal, jinghai], "120118", Today).Should().BeSameAs(jinghai);
        RegisterAuthorities.InForce([municipal, jinghai], "12Z01", Today).Should().BeSameAs(municipal);
        RegisterAuthorities.InForce([municipal], "120000", Today).Should().BeSameAs(municipal);
        RegisterAuthorities.InForce([jinghai], "120000", Today).Should().BeNull("a district's statement says nothing of the municipality");
        RegisterAuthorities.InForce([dongliLater], "120110", Today).Should().BeNull("a statement takes effect on its date");
        RegisterAuthorities.InForce([baodiNo], "120115", Today).Should().BeNull();
    }
}
