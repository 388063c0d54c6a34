using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

public class AuditTrailTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient admin = factory.CreateClient();
    private readonly HttpClient portal = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: "120118", clientId: "jinghai-portal"));

    private async Task<JsonArray> TrailAsync(string query)
    {
        var page = await (await admin.GetAsync($"/api/v1/audit/plans?{query}")).JsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray();
    }

    [Fact]
    public async Task Create_update_and_delete_are_recorded_with_who_and_the_values_before_and_after()
    {
        var code = Api.UniqueCode("AUD");
        await (await portal.PostJsonAsync("/api/v1/plans", Api.Plan(code, "120118", "district"))).JsonAsync(HttpStatusCode.Created);
        await (await portal.PatchAsync($"/api/v1/plans/{code}", new { issuer = "静海区人民政府" }, "\"1\"")).JsonAsync(HttpStatusCode.OK);
        (await portal.DeleteAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var trail = await TrailAsync($"resourceType=Plan&resourceKey={code}");

        trail.Select(r => r!["action"]!.GetValue<string>()).Should().Equal("delete", "update", "create");
        trail.Should().OnlyContain(r => r!["clientId"]!.GetValue<string>() == "jinghai-portal");
        var update = trail[1]!["changes"]!;
        update["issuer"]!["before"]!.GetValue<string>().Should().Be("天津市人民政府办公厅");
        update["issuer"]!["after"]!.GetValue<string>().Should().Be("静海区人民政府");
        update["title"].Should().BeNull("only changed fields are recorded");
        trail[2]!["changes"]!["regionCode"]!["after"]!.GetValue<string>().Should().Be("120118");
        trail[0]!["changes"]!["title"]!["before"]!.GetValue<string>().Should().Be("天津市科技创新\"十四五\"规划");
        trail[0]!["requestId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        (await admin.GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_change_of_targets_is_recorded_as_the_list_before_and_after()
    {
        var plan = await admin.CreatePlanAsync();
        await (await admin.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);

        await (await admin.PatchAsync($"/api/v1/plans/{plan}/indicators/I1",
            new { targets = new[] { new { year = 2025, value = 12000 } } }, "\"1\"")).JsonAsync(HttpStatusCode.OK);

        var update = (await TrailAsync($"resourceType=Indicator&resourceKey={plan}/I1"))[0]!;
        update["action"]!.GetValue<string>().Should().Be("update");
        update["changes"]!["targets"]!["before"]![0]!["value"]!.GetValue<decimal>().Should().Be(11600);
        update["changes"]!["targets"]!["after"]![0]!["value"]!.GetValue<decimal>().Should().Be(12000);
    }

    [Fact]
    public async Task A_refused_write_leaves_no_record()
    {
        var plan = await admin.CreatePlanAsync();

        await (await admin.PatchAsync($"/api/v1/plans/{plan}", new { issuer = "x" }, "\"9\"")).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");

        (await TrailAsync($"resourceKey={plan}")).Select(r => r!["action"]!.GetValue<string>()).Should().Equal("create");
    }

    [Fact]
    public async Task The_trail_filters_by_client_and_time()
    {
        var before = factory.Clock.GetUtcNow();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var code = Api.UniqueCode("T");
        await (await portal.PostJsonAsync("/api/v1/plans", Api.Plan(code, "120118", "district"))).JsonAsync(HttpStatusCode.Created);

        var byClient = await TrailAsync("clientId=jinghai-portal&pageSize=500");
        var since = await TrailAsync($"from={Uri.EscapeDataString(before.AddMilliseconds(1).ToString("O"))}&pageSize=500");

        byClient.Select(r => r!["resourceKey"]!.GetValue<string>()).Should().Contain(code);
        byClient.Should().OnlyContain(r => r!["clientId"]!.GetValue<string>() == "jinghai-portal");
        since.Select(r => r!["resourceKey"]!.GetValue<string>()).Should().Contain(code);
        since.Should().OnlyContain(r => DateTimeOffset.Parse(r!["at"]!.GetValue<string>()) > before);
    }

    [Fact]
    public async Task A_client_id_with_quotes_and_SQL_in_it_is_matched_as_text()
    {
        const string quoted = "o'brien\"); DELETE FROM \"AuditRecords\"; --";
        var writer = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: "120118", clientId: quoted));
        var code = Api.UniqueCode("Q");
        await (await writer.PostJsonAsync("/api/v1/plans", Api.Plan(code, "120118", "district"))).JsonAsync(HttpStatusCode.Created);

        var byClient = await TrailAsync($"clientId={Uri.EscapeDataString(quoted)}");

        byClient.Should().ContainSingle().Which!["resourceKey"]!.GetValue<string>().Should().Be(code);
        (await TrailAsync("clientId=o'brien")).Should().BeEmpty();
        (await TrailAsync("pageSize=500")).Should().HaveCountGreaterThan(1, "the trail is still there");
    }

    [Fact]
    public async Task Time_filters_accept_China_Standard_Time()
    {
        var code = Api.UniqueCode("CST");
        await (await portal.PostJsonAsync("/api/v1/plans", Api.Plan(code, "120118", "district"))).JsonAsync(HttpStatusCode.Created);
        var now = factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));

        var around = await TrailAsync($"from={Uri.EscapeDataString(now.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddHours(1).ToString("O"))}&pageSize=500");
        var later = await TrailAsync($"from={Uri.EscapeDataString(now.AddHours(1).ToString("O"))}&pageSize=500");

        around.Select(r => r!["resourceKey"]!.GetValue<string>()).Should().Contain(code);
        later.Select(r => r!["resourceKey"]!.GetValue<string>()).Should().NotContain(code);
    }

    [Fact]
    public async Task Only_admin_reads_the_trail()
    {
        (await factory.ClientWith(null).GetAsync("/api/v1/audit/plans")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await portal.GetAsync("/api/v1/audit/plans")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_published_plan_cannot_be_deleted()
    {
        var plan = await admin.CreatePlanAsync();
        await admin.PublishAsync(plan);

        await (await admin.DeleteAsync($"/api/v1/plans/{plan}")).ProblemAsync(HttpStatusCode.Conflict, "planPublished");
        (await admin.GetAsync($"/api/v1/plans/{plan}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
