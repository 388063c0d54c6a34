using Enterprises.Api.Domain;
using ServiceDefaults.Json;
using SharedKernel.Errors;

namespace Enterprises.UnitTests.Domain;

public class DesignationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);
    private readonly Enterprise enterprise = EnterpriseTests.Registered("2015-03-18");

    private Designated Designate(DesignationKind kind, string since, ListingBoard? board = null, params Designation[] held) =>
        enterprise.Designate(kind, board, DateOnly.Parse(since), "  首批名单  ", " ", held, Today, Now);

    private Designation Added(DesignationKind kind, string since, ListingBoard? board = null, params Designation[] held) =>
        Designate(kind, since, board, held).Added;

    [Fact]
    public void A_new_designation_holds_from_its_first_day_at_version_1_with_tidied_text()
    {
        var listed = Designate(DesignationKind.Listed, "2021-07-22", ListingBoard.Star);

        listed.SteppedUpFrom.Should().BeNull();
        listed.Added.Status.Should().Be(DesignationStatus.Current);
        listed.Added.Board.Should().Be(ListingBoard.Star);
        listed.Added.Since.Should().Be(new DateOnly(2021, 7, 22));
        listed.Added.EndedOn.Should().BeNull();
        listed.Added.Version.Should().Be(1);
        listed.Added.Notes.Should().Be("首批名单");
        listed.Added.DocumentReference.Should().BeNull("a blank reference is no reference");
        listed.Added.AuditKey.Should().Be($"{enterprise.CreditCode}/Listed/2021-07-22");
    }

    [Fact]
    public void Listed_needs_a_board_and_the_other_kinds_take_none()
    {
        var withoutBoard = () => Designate(DesignationKind.Listed, "2021-07-22");
        var unicornOnABoard = () => Designate(DesignationKind.Unicorn, "2021-07-22", ListingBoard.Hkex);

        withoutBoard.Should().Throw<RuleViolationException>().Which.Errors["board"].Should().ContainSingle().Which.Should().Contain("required for Listed");
        unicornOnABoard.Should().Throw<RuleViolationException>().Which.Errors["board"].Should().ContainSingle().Which.Should().Contain("Listed only");
        foreach (var kind in new[] { DesignationKind.ListingReserve, DesignationKind.PotentialUnicorn })
        {
            var onABoard = () => Designate(kind, "2021-07-22", ListingBoard.Star);
            onABoard.Should().Throw<RuleViolationException>().Which.Errors.Should().ContainKey("board");
        }
    }

    [Theory]
    [InlineData("2026-11-23", "future")]
    [InlineData("9999-12-31", "future")]
    [InlineData("2015-03-17", "founded on 2015-03-18")]
    [InlineData("0001-01-01", "founded on 2015-03-18")]
    public void Since_lies_between_the_founding_and_today(string since, string message)
    {
        var designate = () => Designate(DesignationKind.Unicorn, since);

        designate.Should().Throw<RuleViolationException>().Which.Errors["since"].Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public void Every_field_problem_is_reported_at_once()
    {
        var designate = () => Designate(DesignationKind.Listed, "2027-01-01");

        designate.Should().Throw<RuleViolationException>().Which.Errors.Keys.Should().BeEquivalentTo("board", "since");
    }

    [Fact]
    public void The_founding_day_and_today_are_both_allowed()
    {
        Added(DesignationKind.Unicorn, "2015-03-18").Since.Should().Be(new DateOnly(2015, 3, 18));
        Added(DesignationKind.PotentialUnicorn, "2026-11-22").Since.Should().Be(Today);
    }

    [Fact]
    public void A_second_current_designation_of_a_kind_is_a_conflict_naming_the_first()
    {
        var held = Added(DesignationKind.Unicorn, "2023-05-01");

        var second = () => Designate(DesignationKind.Unicorn, "2026-01-01", null, held);

        var conflict = second.Should().Throw<ConflictException>().Which;
        conflict.Code.Should().Be(EnterpriseErrors.DesignationOverlaps);
        conflict.Message.Should().Contain("since 2023-05-01");
    }

    [Fact]
    public void A_designation_may_not_share_a_day_with_an_ended_one_of_its_kind_but_may_begin_the_day_it_ended()
    {
        var earlier = Added(DesignationKind.Listed, "2018-01-02", ListingBoard.Hkex);
        earlier.End(new DateOnly(2020, 1, 1), "私有化退市", Today, Now);

        var inside = () => Designate(DesignationKind.Listed, "2019-06-01", ListingBoard.Star, earlier);
        var before = () => Designate(DesignationKind.Listed, "2017-01-01", ListingBoard.Star, earlier);

        inside.Should().Throw<ConflictException>().Which.Message.Should().Contain("2018-01-02 to 2019-12-31");
        before.Should().Throw<ConflictException>().Which.Code.Should().Be(EnterpriseErrors.DesignationOverlaps);
        Added(DesignationKind.Listed, "2020-01-01", ListingBoard.Star, earlier).Status.Should().Be(DesignationStatus.Current);
    }

    [Fact]
    public void Designations_of_other_kinds_and_withdrawn_ones_do_not_overlap()
    {
        var unicorn = Added(DesignationKind.Unicorn, "2023-05-01");
        var withdrawn = Added(DesignationKind.Listed, "2022-01-04", ListingBoard.Bse);
        withdrawn.Withdraw("录入错误", Today, Now);

        Added(DesignationKind.Listed, "2023-01-04", ListingBoard.Bse, unicorn, withdrawn).Status.Should().Be(DesignationStatus.Current);
    }

    [Fact]
    public void Listing_ends_the_current_reserve_designation_on_the_listing_day()
    {
        var reserve = Added(DesignationKind.ListingReserve, "2020-03-01");

        var listed = Designate(DesignationKind.Listed, "2022-08-18", ListingBoard.ChiNext, reserve);

        listed.SteppedUpFrom.Should().BeSameAs(reserve);
        reserve.Status.Should().Be(DesignationStatus.Ended);
        reserve.EndedOn.Should().Be(new DateOnly(2022, 8, 18));
        reserve.EndReason.Should().Be("已上市（创业板）");
        reserve.Version.Should().Be(2);
        listed.Added.Status.Should().Be(DesignationStatus.Current);
    }

    [Fact]
    public void A_unicorn_ends_the_current_potential_unicorn_designation()
    {
        var potential = Added(DesignationKind.PotentialUnicorn, "2022-06-01");

        var unicorn = Designate(DesignationKind.Unicorn, "2024-06-01", null, potential);

        unicorn.SteppedUpFrom.Should().BeSameAs(potential);
        potential.EndedOn.Should().Be(new DateOnly(2024, 6, 1));
        potential.EndReason.Should().Be("已认定为独角兽");
    }

    [Fact]
    public void A_step_up_that_began_before_the_step_below_is_refused_and_changes_nothing()
    {
        var reserve = Added(DesignationKind.ListingReserve, "2023-03-01");

        var listed = () => Designate(DesignationKind.Listed, "2022-08-18", ListingBoard.Star, reserve);

        listed.Should().Throw<RuleViolationException>().Which.Errors["since"].Should().ContainSingle().Which.Should().Contain("2023-03-01");
        reserve.Status.Should().Be(DesignationStatus.Current);
        reserve.Version.Should().Be(1);
    }

    [Theory]
    [InlineData(DesignationKind.ListingReserve, DesignationKind.Listed)]
    [InlineData(DesignationKind.PotentialUnicorn, DesignationKind.Unicorn)]
    public void The_step_below_is_refused_while_the_step_above_holds_and_allowed_once_it_ended(DesignationKind below, DesignationKind above)
    {
        var higher = Added(above, "2022-01-04", above == DesignationKind.Listed ? ListingBoard.SseMain : null);

        var whileHeld = () => Designate(below, "2024-01-01", null, higher);

        whileHeld.Should().Throw<ConflictException>().Which.Code.Should().Be(EnterpriseErrors.DesignationSuperseded);
        higher.End(new DateOnly(2025, 1, 1), "退市", Today, Now);
        Added(below, "2025-06-01", null, higher).Status.Should().Be(DesignationStatus.Current);
    }

    [Fact]
    public void Ending_takes_effect_from_since_to_today_and_only_once()
    {
        var listed = Added(DesignationKind.Listed, "2021-07-22", ListingBoard.Star);
        var beforeSince = () => listed.End(new DateOnly(2021, 7, 21), "退市", Today, Now);
        var future = () => listed.End(new DateOnly(2026, 11, 23), "退市", Today, Now);

        beforeSince.Should().Throw<RuleViolationException>().Which.Errors["endedOn"].Should().ContainSingle().Which.Should().Contain("before 'since'");
        future.Should().Throw<RuleViolationException>().Which.Errors["endedOn"].Should().ContainSingle().Which.Should().Contain("future");
        listed.Status.Should().Be(DesignationStatus.Current);

        listed.End(new DateOnly(2026, 6, 30), " 主动退市 ", Today, Now.AddHours(1));
        var again = () => listed.End(Today, "again", Today, Now);

        again.Should().Throw<ConflictException>().Which.Code.Should().Be(EnterpriseErrors.DesignationNotCurrent);
        listed.EndedOn.Should().Be(new DateOnly(2026, 6, 30));
        listed.EndReason.Should().Be("主动退市");
        listed.Version.Should().Be(2);
        listed.UpdatedAt.Should().Be(Now.AddHours(1));
    }

    [Fact]
    public void A_designation_may_end_on_its_first_day()
    {
        var reserve = Added(DesignationKind.ListingReserve, "2026-11-22");

        reserve.End(Today, "出库", Today, Now);

        reserve.Status.Should().Be(DesignationStatus.Ended);
    }

    [Fact]
    public void Withdrawal_marks_a_current_or_ended_designation_once_and_it_then_cannot_end()
    {
        var current = Added(DesignationKind.Unicorn, "2024-01-01");
        var ended = Added(DesignationKind.PotentialUnicorn, "2020-01-01");
        ended.End(new DateOnly(2022, 1, 1), "出库", Today, Now);

        current.Withdraw(" 录入错误 ", Today, Now);
        ended.Withdraw("名单有误", Today, Now);
        var twice = () => current.Withdraw("again", Today, Now);
        var endWithdrawn = () => current.End(Today, "退市", Today, Now);

        twice.Should().Throw<ConflictException>().Which.Code.Should().Be(EnterpriseErrors.DesignationWithdrawn);
        endWithdrawn.Should().Throw<ConflictException>().Which.Code.Should().Be(EnterpriseErrors.DesignationNotCurrent);
        current.Status.Should().Be(DesignationStatus.Withdrawn);
        current.WithdrawnOn.Should().Be(Today);
        current.WithdrawalReason.Should().Be("录入错误");
        current.EndedOn.Should().BeNull("it never held, so it never ended");
        ended.Status.Should().Be(DesignationStatus.Withdrawn);
        ended.EndedOn.Should().Be(new DateOnly(2022, 1, 1));
        current.Overlaps(DesignationKind.Unicorn, Today).Should().BeFalse("a withdrawn designation counts nowhere");
    }

    [Fact]
    public void Boards_travel_by_their_stable_codes_and_have_their_Chinese_names()
    {
        Enum.GetValues<ListingBoard>().Select(EnumText.Format)
            .Should().Equal("sseMain", "szseMain", "star", "chinext", "bse", "hkex", "overseas");
        Enum.GetValues<ListingBoard>().Select(ListingBoards.ChineseName)
            .Should().Equal("上交所主板", "深交所主板", "科创板", "创业板", "北交所", "港交所", "境外");
        Enum.GetValues<DesignationKind>().Select(EnumText.Format)
            .Should().Equal("Listed", "ListingReserve", "Unicorn", "PotentialUnicorn");
    }
}
