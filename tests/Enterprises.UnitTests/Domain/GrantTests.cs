using Enterprises.Api.Domain;
using SharedKernel.Errors;

namespace Enterprises.UnitTests.Domain;

public class GrantTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private readonly Enterprise enterprise = EnterpriseTests.Registered();

    private Qualification Grant(QualificationType type, string grantedOn, string? expiresOn = null, params Qualification[] held) =>
        enterprise.Grant(type, " GR202612000001 ", DateOnly.Parse(grantedOn), expiresOn is null ? null : DateOnly.Parse(expiresOn), held, Today);

    [Fact]
    public void A_HighTech_grant_holds_three_years_by_default()
    {
        var granted = Grant(QualificationType.HighTech, "2024-12-02");

        granted.ExpiresOn.Should().Be(new DateOnly(2027, 12, 1));
        granted.Status.Should().Be(QualificationStatus.Valid);
        granted.CertificateNumber.Should().Be("GR202612000001");
        granted.CreditCode.Should().Be(enterprise.CreditCode);
    }

    [Fact]
    public void A_grant_overlapping_a_valid_one_of_the_same_type_is_a_conflict_naming_it()
    {
        var held = Grant(QualificationType.HighTech, "2024-12-02");

        var overlapping = () => Grant(QualificationType.HighTech, "2026-10-01", null, held);

        var conflict = overlapping.Should().Throw<ConflictException>().Which;
        conflict.Code.Should().Be(EnterpriseErrors.QualificationOverlaps);
        conflict.Message.Should().Contain("2024-12-02 to 2027-12-01");
    }

    [Fact]
    public void A_grant_may_start_the_day_after_a_valid_one_ends_but_not_on_its_last_day()
    {
        var held = Grant(QualificationType.Eagle, "2026-01-01", "2026-12-31");
        held.Status.Should().Be(QualificationStatus.Valid);

        // Dates after today are the request's to refuse; the entity's rule is the overlap alone.
        Grant(QualificationType.Eagle, "2027-01-01", "2027-12-31", held).GrantedOn.Should().Be(new DateOnly(2027, 1, 1));
        var sharingADay = () => Grant(QualificationType.Eagle, "2026-12-31", "2027-12-31", held);
        sharingADay.Should().Throw<ConflictException>();
    }

    [Fact]
    public void A_grant_may_overlap_a_valid_one_of_another_type_or_a_revoked_one_of_its_own()
    {
        var held = Grant(QualificationType.HighTech, "2025-01-01");
        var revoked = Grant(QualificationType.Gazelle, "2025-01-01", "2027-12-31");
        revoked.Revoke(new DateOnly(2025, 6, 1), "撤销", Today);

        Grant(QualificationType.TechSme, "2026-01-01", null, held, revoked).Status.Should().Be(QualificationStatus.Valid);
        Grant(QualificationType.Gazelle, "2026-01-01", "2027-12-31", held, revoked).Status.Should().Be(QualificationStatus.Valid);
    }

    [Fact]
    public void A_grant_before_the_enterprise_was_founded_is_refused()
    {
        var early = () => Grant(QualificationType.HighTech, "2014-01-01");

        early.Should().Throw<RuleViolationException>().Which.Errors["grantedOn"].Should().ContainSingle().Which.Should().Contain("founded");
    }

    [Theory]
    [InlineData("Eagle", null, "required")]
    [InlineData("Leader", "2026-03-01", "after")]
    [InlineData("HighTech", "2025-01-01", "after")]
    public void The_term_must_be_known_and_end_after_the_grant(string type, string? expiresOn, string message)
    {
        var grant = () => Grant(Enum.Parse<QualificationType>(type), "2026-03-01", expiresOn);

        grant.Should().Throw<RuleViolationException>().Which.Errors["expiresOn"].Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public void A_grant_registered_after_its_term_ended_is_recorded_expired()
    {
        var late = Grant(QualificationType.HighTech, "2019-10-28");

        late.Status.Should().Be(QualificationStatus.Expired);
        late.ExpiredOn.Should().Be(new DateOnly(2022, 10, 28));
    }

    [Theory]
    [InlineData("2025-08-31", "before the grant")]
    [InlineData("2027-09-01", "after the qualification ended")]
    [InlineData("2026-11-23", "future")]
    public void A_revocation_takes_effect_within_the_term_and_not_in_the_future(string revokedOn, string message)
    {
        var granted = Grant(QualificationType.Eagle, "2025-09-01", "2027-08-31");

        var revoke = () => granted.Revoke(DateOnly.Parse(revokedOn), "存在严重失信行为", Today);

        revoke.Should().Throw<RuleViolationException>().Which.Errors["revokedOn"].Should().ContainSingle().Which.Should().Contain(message);
        granted.Status.Should().Be(QualificationStatus.Valid);
    }

    [Fact]
    public void Only_a_valid_qualification_can_be_revoked()
    {
        var granted = Grant(QualificationType.Eagle, "2025-09-01", "2027-08-31");
        granted.Revoke(Today, "存在严重失信行为", Today);

        var again = () => granted.Revoke(Today, "again", Today);

        again.Should().Throw<ConflictException>().Which.Code.Should().Be(EnterpriseErrors.QualificationNotValid);
        granted.RevocationReason.Should().Be("存在严重失信行为");
        granted.RevokedOn.Should().Be(Today);
    }

    [Fact]
    public void Expiry_moves_a_valid_qualification_once_the_day_after_its_last_day()
    {
        var granted = Grant(QualificationType.TechSme, "2026-03-01");

        granted.ExpireIfEnded(new DateOnly(2026, 12, 31)).Should().BeFalse("its last day is not over");
        granted.ExpireIfEnded(new DateOnly(2027, 1, 1)).Should().BeTrue();
        granted.ExpireIfEnded(new DateOnly(2027, 1, 2)).Should().BeFalse("it expired already");

        granted.Status.Should().Be(QualificationStatus.Expired);
        granted.ExpiredOn.Should().Be(new DateOnly(2027, 1, 1));
    }
}
