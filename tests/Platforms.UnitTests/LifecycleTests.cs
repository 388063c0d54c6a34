using Platforms.Api.Catalog;
using Platforms.Api.Domain;
using SharedKernel.Errors;

namespace Platforms.UnitTests;

public class LifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly PlatformType KeyLab = BuiltInTypes.All.Single(t => t.Key == "KeyLab");

    private static Platform Accredit(PlatformStatus status = PlatformStatus.Active, PlatformLevel level = PlatformLevel.Municipal,
        DateOnly? approvedOn = null, params string[] designations) => Accredit(PlatformHost.Named(HostKind.University, "南开大学"), status, level,
        approvedOn, designations);

    private static Platform Accredit(PlatformHost host, PlatformStatus status = PlatformStatus.Active, PlatformLevel level = PlatformLevel.Municipal,
        DateOnly? approvedOn = null, params string[] designations) =>
        Platform.Accredit(KeyLab, PlatformDetails.Of("天津市某重点实验室", null, level, designations, "120104", null, null,
            host, null, approvedOn ?? new DateOnly(2024, 1, 1), null), status, Today, Now);

    public static TheoryData<PlatformStatus, PlatformStatus> Allowed => new()
    {
        { PlatformStatus.UnderConstruction, PlatformStatus.Active },
        { PlatformStatus.Active, PlatformStatus.Suspended },
        { PlatformStatus.Active, PlatformStatus.Revoked },
        { PlatformStatus.Suspended, PlatformStatus.Active },
        { PlatformStatus.Suspended, PlatformStatus.Revoked },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void The_lifecycle_allows_its_steps(PlatformStatus from, PlatformStatus to)
    {
        var act = () => Lifecycle.EnsureAllowed(Guid.NewGuid(), from, to);

        act.Should().NotThrow();
    }

    [Fact]
    public void Every_other_step_is_refused_and_revocation_is_final()
    {
        var all = Enum.GetValues<PlatformStatus>();
        var refused = from f in all from t in all where !Allowed.Any(a => (PlatformStatus)a[0] == f && (PlatformStatus)a[1] == t) select (f, t);

        foreach (var (from, to) in refused)
        {
            var act = () => Lifecycle.EnsureAllowed(Guid.NewGuid(), from, to);
            act.Should().Throw<ConflictException>($"{from} → {to}").Which.Code.Should().Be(PlatformErrors.StatusChangeNotAllowed);
        }

        Lifecycle.From(PlatformStatus.Revoked).Should().BeEmpty();
    }

    [Fact]
    public void A_status_change_records_its_step_and_moves_the_version()
    {
        var platform = Accredit(PlatformStatus.UnderConstruction);

        var change = platform.ChangeStatus(PlatformStatus.Active, new DateOnly(2025, 6, 30), "验收通过", "津科〔2025〕1号", Today, Now);

        change.From.Should().Be(PlatformStatus.UnderConstruction);
        platform.Status.Should().Be(PlatformStatus.Active);
        platform.StatusSince.Should().Be(new DateOnly(2025, 6, 30));
        platform.Version.Should().Be(2);
        platform.History.Select(h => h.To).Should().Equal(PlatformStatus.UnderConstruction, PlatformStatus.Active);
    }

    [Fact]
    public void A_platform_is_accredited_only_as_active_or_under_construction_at_a_level_of_its_type_and_not_in_the_future()
    {
        ((Action)(() => Accredit(PlatformStatus.Suspended))).Should().Throw<RuleViolationException>().Which.Errors.Should().ContainKey("status");
        ((Action)(() => Accredit(level: PlatformLevel.District))).Should().Throw<RuleViolationException>().Which.Errors.Should().ContainKey("level");
        ((Action)(() => Accredit(approvedOn: Today.AddDays(1)))).Should().Throw<RuleViolationException>().Which.Errors.Should().ContainKey("approvedOn");
        ((Action)(() => Accredit(PlatformStatus.Active, PlatformLevel.Municipal, null, "specialized"))).Should().Throw<RuleViolationException>()
            .Which.Errors.Should().ContainKey("designations");
        Accredit(PlatformHost.Enterprise("91120118MA05L8XQ4B"), PlatformStatus.Active, PlatformLevel.Municipal, null, "enterprise")
            .DesignationList.Should().Equal("enterprise");
    }

    [Fact]
    public void An_enterprise_key_lab_is_hosted_by_an_enterprise_and_a_named_host_cannot_hold_the_designation()
    {
        ((Action)(() => Accredit(PlatformStatus.Active, PlatformLevel.Municipal, null, "enterprise"))).Should().Throw<RuleViolationException>()
            .Which.Errors["designations"].Should().ContainSingle().Which.Should().Contain("hostCreditCode");
        var lab = Accredit(PlatformHost.Enterprise("91120118MA05L8XQ4B"), PlatformStatus.Active, PlatformLevel.Municipal, null, "enterprise");

        var moved = lab.Details with { Host = PlatformHost.Named(HostKind.Institute, "天津市某研究院") };

        ((Action)(() => lab.Change(KeyLab, moved, Today, Now))).Should().Throw<RuleViolationException>().Which.Errors.Should().ContainKey("designations");
        lab.Change(KeyLab, moved with { Designations = [] }, Today, Now).Should().BeTrue("without the designation a key lab may have any host");
    }

    [Fact]
    public void Platform_ids_sort_in_the_order_of_accreditation()
    {
        var first = Platform.Accredit(KeyLab, Accredit().Details, PlatformStatus.Active, Today, Now);
        var second = Platform.Accredit(KeyLab, Accredit().Details, PlatformStatus.Active, Today, Now.AddMilliseconds(5));

        string.CompareOrdinal(first.Id.ToString(), second.Id.ToString()).Should().BeNegative();
    }
}
