using Enterprises.Api.Domain;
using SharedKernel.Errors;

namespace Enterprises.UnitTests.Domain;

public class EnterpriseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);

    internal static EnterpriseDetails Details(string foundedOn = "2015-03-18", string? industry = "新一代信息技术") =>
        EnterpriseDetails.Of(" 天津市海河智能科技有限公司 ", "  ", "120116", "12Z01", industry, DateOnly.Parse(foundedOn));

    internal static Enterprise Registered(string foundedOn = "2015-03-18") => Enterprise.Register("914403001922038216", Details(foundedOn), Now);

    [Fact]
    public void A_registered_enterprise_starts_at_version_1_with_tidied_details()
    {
        var enterprise = Registered();

        enterprise.Version.Should().Be(1);
        enterprise.CreatedAt.Should().Be(Now);
        enterprise.Name.Should().Be("天津市海河智能科技有限公司");
        enterprise.NameEn.Should().BeNull("a blank name is no name");
        enterprise.Details.Should().Be(Details());
    }

    [Fact]
    public void Registration_refuses_a_credit_code_whose_check_character_is_wrong()
    {
        var register = () => Enterprise.Register("914403001922038217", Details(), Now);

        register.Should().Throw<RuleViolationException>().Which.Errors.Should().ContainKey("creditCode")
            .WhoseValue.Should().ContainSingle().Which.Should().Contain("check character");
    }

    [Fact]
    public void The_same_details_change_nothing()
    {
        var enterprise = Registered();

        enterprise.Change(Details(), null, Now.AddHours(1)).Should().BeFalse();

        enterprise.Version.Should().Be(1);
        enterprise.UpdatedAt.Should().Be(Now);
    }

    [Fact]
    public void New_details_move_the_version_and_the_time()
    {
        var enterprise = Registered();

        enterprise.Change(Details(industry: "生物医药"), null, Now.AddHours(1)).Should().BeTrue();

        enterprise.Industry.Should().Be("生物医药");
        enterprise.Version.Should().Be(2);
        enterprise.UpdatedAt.Should().Be(Now.AddHours(1));
    }

    [Theory]
    [InlineData(2017, null, null, "annual report for 2017")]
    [InlineData(null, "2018-11-30", null, "2018-11-30")]
    [InlineData(null, null, "2018-06-01", "designation from 2018-06-01")]
    public void The_founding_date_may_not_pass_the_first_report_grant_or_designation(int? reportYear, string? grantedOn, string? designatedSince,
        string message)
    {
        var enterprise = Registered();
        var first = new FirstRecords(reportYear, grantedOn is null ? null : DateOnly.Parse(grantedOn),
            designatedSince is null ? null : DateOnly.Parse(designatedSince));

        var change = () => enterprise.Change(Details("2019-01-01"), first, Now);

        change.Should().Throw<RuleViolationException>().Which.Errors["foundedOn"].Should().ContainSingle().Which.Should().Contain(message);
        enterprise.FoundedOn.Should().Be(new DateOnly(2015, 3, 18));
        enterprise.Version.Should().Be(1);
    }

    [Fact]
    public void The_founding_date_may_move_up_to_the_first_records_and_anywhere_before_them()
    {
        var enterprise = Registered();
        var first = new FirstRecords(2017, new DateOnly(2018, 11, 30), new DateOnly(2018, 1, 1));

        enterprise.Change(Details("2017-12-31"), first, Now).Should().BeTrue();
        enterprise.Change(Details("2010-01-01"), first, Now).Should().BeTrue();

        enterprise.FoundedOn.Should().Be(new DateOnly(2010, 1, 1));
    }

    [Fact]
    public void A_new_founding_date_without_the_first_records_is_a_mistake_of_the_caller()
    {
        var change = () => Registered().Change(Details("2016-01-01"), null, Now);

        change.Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData(2014, "before the enterprise was founded")]
    [InlineData(2027, "has not begun")]
    public void Reports_cover_the_founding_year_to_the_current_one(int year, string message)
    {
        var enterprise = Registered();

        var file = () => enterprise.FileAnnualReport(year, Figures(), Today, Now);

        file.Should().Throw<RuleViolationException>().Which.Errors["year"].Should().ContainSingle().Which.Should().Contain(message);
        enterprise.FileAnnualReport(2015, Figures(), Today, Now).Year.Should().Be(2015);
        enterprise.FileAnnualReport(2026, Figures(), Today, Now).Version.Should().Be(1);
    }

    [Fact]
    public void Replacing_a_report_with_the_same_figures_changes_nothing()
    {
        var report = Registered().FileAnnualReport(2024, Figures(), Today, Now);

        report.Replace(Figures(), Now.AddDays(1)).Should().BeFalse();
        report.Version.Should().Be(1);
        report.Replace(Figures(revenueWan: 13000.5m), Now.AddDays(1)).Should().BeTrue();
        report.Version.Should().Be(2);
        report.RevenueWan.Should().Be(13000.5m);
    }

    internal static AnnualFigures Figures(decimal revenueWan = 12000m) => new(revenueWan, 860.5m, 9000m, 180, 40, 12, 15, 30, 25000m);
}
