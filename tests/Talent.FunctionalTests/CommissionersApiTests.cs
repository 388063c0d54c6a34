using System.Net;

namespace Talent.FunctionalTests;

public class CommissionersApiTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private readonly HttpClient clerk = factory.CreateClient();

    [Fact]
    public async Task A_commissioner_assigned_to_an_enterprise_serves_in_its_district_and_is_published_by_ids()
    {
        var id = await clerk.RegisterIdAsync("120101");
        var enterprise = await factory.KnownEnterpriseAsync("120118", "12Z01");

        var response = await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, enterprise, "2026-01-01", "2027-12-31"));

        var assignment = await response.JsonAsync(HttpStatusCode.Created);
        assignment["regionCode"]!.GetValue<string>().Should().Be("120118");
        assignment["zoneCode"]!.GetValue<string>().Should().Be("12Z01");
        assignment["servedName"]!.GetValue<string>().Should().Be("天津市海河智能科技有限公司");
        assignment["active"]!.GetValue<bool>().Should().BeTrue();
        var published = (await factory.OutboxAsync("CommissionerAssigned")).Single(e => e["assignmentId"]!.GetValue<Guid>() == assignment["id"]!.GetValue<Guid>());
        published.AsObject().Select(p => p.Key).Should().BeEquivalentTo("assignmentId", "talentId", "servedKind", "servedCreditCode", "nationality",
            "regionCode", "zoneCode", "startsOn", "endsOn", "id", "occurredAt");
        published["servedKind"]!.GetValue<string>().Should().Be("enterprise");
    }

    [Fact]
    public async Task Periods_of_one_person_at_different_parties_may_overlap_and_at_one_party_may_follow_each_other()
    {
        var id = await clerk.RegisterIdAsync();
        var (first, second) = (await factory.KnownEnterpriseAsync(), await factory.KnownEnterpriseAsync());

        await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, first, "2025-01-01", "2025-12-31"))).JsonAsync(HttpStatusCode.Created);
        await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, second, "2025-06-01", "2026-05-31"))).JsonAsync(HttpStatusCode.Created);
        await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, first, "2026-01-01", "2026-12-31"))).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_village_is_named_and_placed_and_the_same_village_twice_at_once_is_refused()
    {
        var id = await clerk.RegisterIdAsync();
        object Village(string startsOn) => new
        {
            talentId = id, servedKind = "village", servedName = "静海区团泊镇某村", regionCode = "120118", field = "设施农业", startsOn, endsOn = "2026-12-31",
        };

        (await (await clerk.PostJsonAsync("/api/v1/commissioners", Village("2026-01-01"))).JsonAsync(HttpStatusCode.Created))["servedKind"]!
            .GetValue<string>().Should().Be("village");
        await (await clerk.PostJsonAsync("/api/v1/commissioners", Village("2026-06-01"))).ProblemAsync(HttpStatusCode.Conflict, "assignmentOverlaps");
        (await (await clerk.PostJsonAsync("/api/v1/commissioners", new { talentId = id, servedKind = "village", startsOn = "2026-01-01", endsOn = "2026-02-01" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("servedName").Should().ContainSingle();
    }

    [Fact]
    public async Task An_unknown_enterprise_an_unknown_person_or_a_region_other_than_the_enterprises_is_a_422()
    {
        var id = await clerk.RegisterIdAsync();
        var enterprise = await factory.KnownEnterpriseAsync("120118");

        (await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, CreditCodes.New())))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("servedCreditCode").Should().ContainSingle();
        (await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(Guid.NewGuid(), enterprise)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("talentId").Should().ContainSingle();
        (await (await clerk.PostJsonAsync("/api/v1/commissioners", new
            {
                talentId = id, servedKind = "enterprise", servedCreditCode = enterprise, regionCode = "120101", startsOn = "2026-01-01", endsOn = "2026-02-01",
            }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("regionCode").Should().ContainSingle();
    }

    [Fact]
    public async Task An_assignment_is_appraised_once_a_year_within_its_period_and_excellent_is_published()
    {
        var id = await clerk.RegisterIdAsync();
        var enterprise = await factory.KnownEnterpriseAsync();
        var assignment = await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, enterprise, "2024-03-01", "2026-12-31")))
            .JsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/commissioners/{assignment["id"]}/appraisals";

        var created = await clerk.PostJsonAsync(url, new { year = 2025, grade = "excellent", note = "优秀科技特派员" });

        (await created.JsonAsync(HttpStatusCode.Created))["grade"]!.GetValue<string>().Should().Be("excellent");
        created.Headers.Location!.ToString().Should().Be($"{url}/2025");
        (await (await clerk.GetAsync($"{url}/2025")).JsonAsync(HttpStatusCode.OK))["note"]!.GetValue<string>().Should().Be("优秀科技特派员");
        await (await clerk.PostJsonAsync(url, new { year = 2025, grade = "good" })).ProblemAsync(HttpStatusCode.Conflict, "alreadyAppraised");
        (await (await clerk.PostJsonAsync(url, new { year = 2023, grade = "good" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("year").Should().ContainSingle();
        await (await clerk.PostJsonAsync(url, new { year = 2024, grade = "outstanding" })).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        var published = (await factory.OutboxAsync("CommissionerAppraised")).Single(e => e["assignmentId"]!.GetValue<Guid>() == assignment["id"]!.GetValue<Guid>());
        published["grade"]!.GetValue<string>().Should().Be("excellent");
        published["year"]!.GetValue<int>().Should().Be(2025);
        published.ToJsonString().Should().NotContain("优秀科技特派员");
        var read = await (await clerk.GetAsync($"/api/v1/commissioners/{assignment["id"]}")).JsonAsync(HttpStatusCode.OK);
        read["appraisals"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task The_list_finds_commissioners_serving_on_a_day()
    {
        var id = await clerk.RegisterIdAsync();
        var enterprise = await factory.KnownEnterpriseAsync();
        await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, enterprise, "2020-01-01", "2020-12-31"))).JsonAsync(HttpStatusCode.Created);

        var then = await (await clerk.GetAsync($"/api/v1/commissioners?talentId={id}&activeOn=2020-06-01&count=true")).JsonAsync(HttpStatusCode.OK);
        var now = await (await clerk.GetAsync($"/api/v1/commissioners?talentId={id}&activeOn=2026-11-22&count=true")).JsonAsync(HttpStatusCode.OK);

        then["totalCount"]!.GetValue<int>().Should().Be(1);
        then["items"]![0]!["active"]!.GetValue<bool>().Should().BeFalse("it ended before today");
        now["totalCount"]!.GetValue<int>().Should().Be(0);
    }
}
