using System.Net;

namespace Platforms.FunctionalTests;

public class TenantsTests(PlatformsApiFactory factory) : IClassFixture<PlatformsApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private Task<HttpResponseMessage> AdmitAsync(string platform, object body) => client.PostJsonAsync($"/api/v1/platforms/{platform}/tenants", body);

    [Fact]
    public async Task An_incubator_admits_an_enterprise_and_a_team_and_counts_them()
    {
        var incubator = await client.AccreditIdAsync(Api.Platform("Incubator", "national"));
        var enterprise = factory.Enterprise("天津市静海孵化科技有限公司");

        var admitted = await AdmitAsync(incubator, new { creditCode = enterprise, admittedOn = "2025-09-01" });
        var team = await (await AdmitAsync(incubator, new { team = new { name = "智能传感创业团队", leaderName = "李明", members = 5 } }))
            .JsonAsync(HttpStatusCode.Created);

        var tenant = await admitted.JsonAsync(HttpStatusCode.Created);
        admitted.Headers.Location!.ToString().Should().Be($"/api/v1/platforms/{incubator}/tenants/{tenant["id"]}");
        tenant["kind"]!.GetValue<string>().Should().Be("enterprise");
        tenant["enterpriseName"]!.GetValue<string>().Should().Be("天津市静海孵化科技有限公司");
        tenant["active"]!.GetValue<bool>().Should().BeTrue();
        team["kind"]!.GetValue<string>().Should().Be("team");
        team["team"]!["leaderName"]!.GetValue<string>().Should().Be("李明");
        team["admittedOn"]!.GetValue<string>().Should().Be("2026-11-22");
        (await (await client.GetAsync($"/api/v1/platforms/{incubator}")).JsonAsync(HttpStatusCode.OK))["activeTenants"]!.GetValue<int>().Should().Be(2);
        var events = await factory.OutboxAsync("TenantAdmitted", incubator);
        events.Select(e => e["kind"]!.GetValue<string>()).Should().Equal("enterprise", "team");
        events[0]["creditCode"]!.GetValue<string>().Should().Be(enterprise);
        events[0]["platformType"]!.GetValue<string>().Should().Be("Incubator");
        events[1]["teamName"]!.GetValue<string>().Should().Be("智能传感创业团队");
    }

    [Theory]
    [InlineData("KeyLab", "national")]
    [InlineData("UniversitySciencePark", "municipal")]
    public async Task Admitting_a_tenant_to_a_type_that_takes_none_is_409(string type, string level)
    {
        var platform = await client.AccreditIdAsync(Api.Platform(type, level));

        var problem = await (await AdmitAsync(platform, new { team = new { name = "团队", leaderName = "王", members = 2 } }))
            .ProblemAsync(HttpStatusCode.Conflict, "platformTakesNoTenants");

        problem["detail"]!.GetValue<string>().Should().Contain(type).And.Contain("takes no tenants");
    }

    [Theory]
    [InlineData("MakerSpace")]
    [InlineData("StarInnovationStation")]
    public async Task Maker_spaces_and_star_innovation_stations_take_tenants(string type)
    {
        var platform = await client.AccreditIdAsync(Api.Platform(type, "municipal"));

        await (await AdmitAsync(platform, new { team = new { name = "团队", leaderName = "王", members = 2 } })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Admitting_an_enterprise_already_active_in_the_platform_is_409_and_after_it_graduates_it_may_return()
    {
        var incubator = await client.AccreditIdAsync(Api.Platform("Incubator", "municipal"));
        var enterprise = factory.Enterprise();
        var first = await (await AdmitAsync(incubator, new { creditCode = enterprise, admittedOn = "2024-01-01" })).JsonAsync(HttpStatusCode.Created);

        var twice = await AdmitAsync(incubator, new { creditCode = enterprise });
        (await twice.ProblemAsync(HttpStatusCode.Conflict, "tenantAlreadyActive"))["detail"]!.GetValue<string>().Should().Contain(enterprise);

        await (await client.PostJsonAsync($"/api/v1/platforms/{incubator}/tenants/{first["id"]}/graduate",
            new { reason = "left", on = "2025-01-01" })).JsonAsync(HttpStatusCode.OK);
        await (await AdmitAsync(incubator, new { creditCode = enterprise, admittedOn = "2025-06-01" })).JsonAsync(HttpStatusCode.Created);
        var other = await client.AccreditIdAsync(Api.Platform("Incubator", "municipal"));
        await (await AdmitAsync(other, new { creditCode = enterprise })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_tenant_graduates_once_not_before_its_admission_and_the_count_drops()
    {
        var incubator = await client.AccreditIdAsync(Api.Platform("Incubator", "district", "120110"));
        var tenant = await (await AdmitAsync(incubator, new { creditCode = factory.Enterprise(regionCode: "120110"), admittedOn = "2024-03-01" }))
            .JsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/platforms/{incubator}/tenants/{tenant["id"]}/graduate";

        var early = await client.PostJsonAsync(url, new { reason = "graduated", on = "2024-02-28" });
        var future = await client.PostJsonAsync(url, new { reason = "graduated", on = "2026-11-23" });
        var graduated = await (await client.PostJsonAsync(url, new { reason = "graduated", on = "2026-06-30", note = "获评国家高新技术企业" }))
            .JsonAsync(HttpStatusCode.OK);
        var twice = await client.PostJsonAsync(url, new { reason = "left", on = "2026-07-01" });

        (await early.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("on").Single().Should().Contain("admitted (2024-03-01)");
        (await future.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("on").Single().Should().Contain("future");
        graduated["active"]!.GetValue<bool>().Should().BeFalse();
        graduated["reason"]!.GetValue<string>().Should().Be("graduated");
        graduated["graduatedOn"]!.GetValue<string>().Should().Be("2026-06-30");
        (await twice.ProblemAsync(HttpStatusCode.Conflict, "tenantAlreadyGraduated"))["detail"]!.GetValue<string>().Should().Contain("2026-06-30");
        (await (await client.GetAsync($"/api/v1/platforms/{incubator}")).JsonAsync(HttpStatusCode.OK))["activeTenants"]!.GetValue<int>().Should().Be(0);
        var left = (await factory.OutboxAsync("TenantGraduated", incubator)).Should().ContainSingle().Subject;
        left["outcome"]!.GetValue<string>().Should().Be("graduated");
        left["graduatedOn"]!.GetValue<string>().Should().Be("2026-06-30");
        var listed = await (await client.GetAsync($"/api/v1/platforms/{incubator}/tenants?active=false")).JsonAsync(HttpStatusCode.OK);
        listed["items"]!.AsArray().Should().ContainSingle();
        (await (await client.GetAsync($"/api/v1/platforms/{incubator}/tenants?active=true&count=true")).JsonAsync(HttpStatusCode.OK))["totalCount"]!
            .GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task The_register_wide_list_pages_the_tenants_of_every_platform_in_id_order_and_filters_by_whether_they_are_there_now()
    {
        var first = await client.AccreditIdAsync(Api.Platform("Incubator", "municipal"));
        var second = await client.AccreditIdAsync(Api.Platform("MakerSpace", "municipal"));
        var stays = await (await AdmitAsync(first, new { creditCode = factory.Enterprise("天津市登记孵化科技有限公司"), admittedOn = "2025-03-01" }))
            .JsonAsync(HttpStatusCode.Created);
        var team = await (await AdmitAsync(second, new { team = new { name = "创客团队", leaderName = "赵", members = 3 } })).JsonAsync(HttpStatusCode.Created);
        var leaves = await (await AdmitAsync(second, new { team = new { name = "离开团队", leaderName = "钱", members = 2 }, admittedOn = "2025-05-01" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/platforms/{second}/tenants/{leaves["id"]}/graduate", new { reason = "left", on = "2026-10-01" }))
            .JsonAsync(HttpStatusCode.OK);

        var active = await AllPagesAsync("/api/v1/tenants?active=true&pageSize=2");
        var left = await AllPagesAsync("/api/v1/tenants?active=false&pageSize=2");
        var everyone = await AllPagesAsync("/api/v1/tenants?pageSize=2");

        active.Select(t => t["id"]!.GetValue<long>()).Should().BeInAscendingOrder().And
            .Contain([stays["id"]!.GetValue<long>(), team["id"]!.GetValue<long>()]).And.NotContain(leaves["id"]!.GetValue<long>());
        active.Should().OnlyContain(t => t["active"]!.GetValue<bool>());
        active.Single(t => t["id"]!.GetValue<long>() == stays["id"]!.GetValue<long>())["enterpriseName"]!.GetValue<string>()
            .Should().Be("天津市登记孵化科技有限公司");
        active.Single(t => t["id"]!.GetValue<long>() == team["id"]!.GetValue<long>())["platformId"]!.GetValue<string>().Should().Be(second);
        left.Select(t => t["id"]!.GetValue<long>()).Should().Contain(leaves["id"]!.GetValue<long>());
        left.Should().OnlyContain(t => !t["active"]!.GetValue<bool>());
        everyone.Should().HaveCount(active.Count + left.Count);
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=501")]
    [InlineData("page=0")]
    [InlineData("active=sometimes")]
    [InlineData("sort=name")]
    public async Task The_register_wide_list_refuses_a_parameter_out_of_bounds_with_400(string query) =>
        await (await client.GetAsync($"/api/v1/tenants?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

    /// <summary>Every page of a list, read to its end.</summary>
    private async Task<List<System.Text.Json.Nodes.JsonNode>> AllPagesAsync(string path)
    {
        var items = new List<System.Text.Json.Nodes.JsonNode>();
        for (var page = 1; ; page++)
        {
            var body = await (await client.GetAsync($"{path}&page={page}")).JsonAsync(HttpStatusCode.OK);
            items.AddRange(body["items"]!.AsArray().Select(i => i!));
            if ((long)page * body["pageSize"]!.GetValue<int>() >= body["totalCount"]!.GetValue<long>())
            {
                return items;
            }
        }
    }

    public static TheoryData<string, object, string> BadTenants => new()
    {
        { "neither", new { admittedOn = "2025-01-01" }, "creditCode" },
        { "both", new { creditCode = CreditCodes.New(), team = new { name = "团队", leaderName = "王", members = 2 } }, "creditCode" },
        { "a malformed code", new { creditCode = "91120118MA05XXXX1X" }, "creditCode" },
        { "a team without a leader", new { team = new { name = "团队", members = 2 } }, "team.leaderName" },
        { "a team of nobody", new { team = new { name = "团队", leaderName = "王", members = 0 } }, "team.members" },
        { "an admission in the future", new { team = new { name = "团队", leaderName = "王", members = 2 }, admittedOn = "2026-11-23" }, "admittedOn" },
    };

    [Theory]
    [MemberData(nameof(BadTenants))]
    public async Task A_tenant_given_wrongly_is_422_on_the_field_at_fault(string what, object body, string field)
    {
        var incubator = await client.AccreditIdAsync(Api.Platform("Incubator", "municipal"));

        var problem = await (await AdmitAsync(incubator, body)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor(field).Should().NotBeEmpty(what);
    }

    [Fact]
    public async Task A_tenant_credit_code_unknown_to_the_register_is_422_naming_it()
    {
        var incubator = await client.AccreditIdAsync(Api.Platform("Incubator", "municipal"));
        var unknown = CreditCodes.New();

        var problem = await (await AdmitAsync(incubator, new { creditCode = unknown })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("creditCode").Single().Should().Contain(unknown);
    }

    [Fact]
    public async Task A_suspended_incubator_admits_no_one_and_an_unknown_tenant_is_404()
    {
        var incubator = await client.AccreditIdAsync(Api.Platform("Incubator", "municipal"));
        await (await client.ChangeStatusAsync(incubator, "suspended")).JsonAsync(HttpStatusCode.OK);

        await (await AdmitAsync(incubator, new { team = new { name = "团队", leaderName = "王", members = 2 } }))
            .ProblemAsync(HttpStatusCode.Conflict, "platformNotActive");
        await (await client.PostJsonAsync($"/api/v1/platforms/{incubator}/tenants/999999/graduate", new { reason = "left" }))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.GetAsync($"/api/v1/platforms/{incubator}/tenants/999999")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task A_graduation_needs_a_reason_from_the_list()
    {
        var incubator = await client.AccreditIdAsync(Api.Platform("Incubator", "municipal"));
        var tenant = await (await AdmitAsync(incubator, new { team = new { name = "团队", leaderName = "王", members = 2 }, admittedOn = "2025-01-01" }))
            .JsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/platforms/{incubator}/tenants/{tenant["id"]}/graduate";

        (await (await client.PostJsonAsync(url, new { on = "2025-06-01" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("reason").Should().NotBeEmpty();
        await (await client.PostJsonAsync(url, new { reason = "expelled" })).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
    }
}
