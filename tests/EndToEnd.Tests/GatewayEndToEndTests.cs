using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

using TestSupport;

namespace EndToEnd.Tests;

/// <summary>The Plans API through the gateway, on real processes started by deploy/run.sh.</summary>
[Collection(SystemCollection.Name)]
public class GatewayEndToEndTests(SystemFixture system)
{
    private HttpClient Gateway => system.Gateway;

    [Fact]
    public async Task The_region_tree_lists_Tianjin_and_its_16_districts()
    {
        var regions = await HttpApi.JsonAsync(await Gateway.GetAsync("/api/v1/regions"), HttpStatusCode.OK);

        var codes = regions["items"]!.AsArray().Select(r => r!["code"]!.GetValue<string>()).ToList();
        codes.Should().Contain("120000");
        regions["items"]!.AsArray().Count(r => r!["kind"]!.GetValue<string>() == "district").Should().Be(16);
        codes.Should().Contain(["120101", "120110", "120115", "120116", "120118", "120119"]);
    }

    [Fact]
    public async Task A_plan_an_indicator_two_observations_and_its_progress_work_through_the_gateway()
    {
        var code = "E2E-" + Guid.NewGuid().ToString("N")[..8];
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/plans", new
        {
            code, title = "静海区科技创新\"十四五\"规划", kind = "fiveYearPlan", level = "district", regionCode = "120118",
            periodStart = 2021, periodEnd = 2025, baselineYear = 2020,
        }), HttpStatusCode.Created);
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync($"/api/v1/plans/{code}/indicators", new
        {
            code = "T1-04", name = "国家高新技术企业数", unit = "家", measure = "stock", direction = "increase",
            baseline = new { year = 2020, value = 273 }, targets = new[] { new { year = 2025, value = 400 } },
        }), HttpStatusCode.Created);
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync($"/api/v1/plans/{code}/indicators/T1-04/observations", new { year = 2021, value = 300 }), HttpStatusCode.Created);
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync($"/api/v1/plans/{code}/indicators/T1-04/observations", new { year = 2022, value = 330 }), HttpStatusCode.Created);

        var progress = await HttpApi.JsonAsync(await Gateway.GetAsync($"/api/v1/plans/{code}/progress?asOf=2023-01-01&figures=latest"), HttpStatusCode.OK);

        var indicator = progress["indicators"]![0]!;
        indicator["actual"]!["value"]!.GetValue<decimal>().Should().Be(330);
        indicator["progressPercent"]!.GetValue<decimal>().Should().Be(44.9m, "57 of the 127 to go");
        indicator["expectedPercent"]!.GetValue<decimal>().Should().Be(40.0m);
        indicator["status"]!.GetValue<string>().Should().Be("onTrack");
    }

    [Fact]
    public async Task Writes_need_the_gateway_s_token_and_published_plans_stay_public()
    {
        var anonymousWrite = await system.Anonymous.PostAsJsonAsync("/api/v1/plans", new { code = "ANON" });
        var anonymousRead = await system.Anonymous.GetAsync("/api/v1/plans/TJ-STI-14FYP/progress");
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/v1/seeds/load");
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzY29wZSI6ImFkbWluIn0.");

        (await ProblemCodeAsync(anonymousWrite, HttpStatusCode.Unauthorized)).Should().Be("unauthorized");
        anonymousRead.StatusCode.Should().Be(HttpStatusCode.OK);
        (await system.Anonymous.SendAsync(forged)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Gateway.PostAsync("/api/v1/seeds/load", null)).StatusCode.Should().Be(HttpStatusCode.OK, "the admin token from /connect/token is accepted by the Plans service");
    }

    [Fact]
    public async Task The_gateway_publishes_the_plans_audit_trail_to_admins()
    {
        var code = "AUD-" + Guid.NewGuid().ToString("N")[..8];
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/plans", new
        {
            code, title = "审计测试", kind = "actionPlan", level = "municipal", regionCode = "120000",
            periodStart = 2024, periodEnd = 2026, baselineYear = 2023,
        }), HttpStatusCode.Created);

        var trail = await HttpApi.JsonAsync(await Gateway.GetAsync($"/api/v1/audit/plans?resourceKey={code}"), HttpStatusCode.OK);
        var anonymous = await system.Anonymous.GetAsync("/api/v1/audit/plans");

        var record = trail["items"]!.AsArray().Single()!;
        record["action"]!.GetValue<string>().Should().Be("create");
        record["clientId"]!.GetValue<string>().Should().Be(system.AdminClientId);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_fresh_system_holds_the_five_source_plans()
    {
        var plans = await HttpApi.JsonAsync(await Gateway.GetAsync("/api/v1/plans?status=published&pageSize=100&count=true"), HttpStatusCode.OK);
        var highTech = await HttpApi.JsonAsync(await Gateway.GetAsync("/api/v1/plans/TJ-STI-14FYP/indicators/T1-05"), HttpStatusCode.OK);
        var dongli = await HttpApi.JsonAsync(await Gateway.GetAsync(
            $"/api/v1/plans/DL-STI-AP-2020-2022/tasks?unit={Uri.EscapeDataString("区科技局")}&pageSize=100&count=true"), HttpStatusCode.OK);

        plans["items"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).Should().Contain(
            ["TJ-STI-14FYP", "JH-STI-14FYP", "DL-STI-AP-2020-2022", "BHTZ-14FYP", "BD-STI-14FYP"]);
        highTech["name"]!.GetValue<string>().Should().Be("国家高新技术企业总量");
        highTech["baseline"]!["value"]!.GetValue<decimal>().Should().Be(7420);
        highTech["baseline"]!["year"]!.GetValue<int>().Should().Be(2020);
        highTech["targets"]![0]!["value"]!.GetValue<decimal>().Should().Be(11600);
        highTech["targets"]![0]!["year"]!.GetValue<int>().Should().Be(2025);
        dongli["totalCount"]!.GetValue<int>().Should().BeGreaterThan(0);
        dongli["items"]!.AsArray().Should().OnlyContain(t =>
            t!["leadUnits"]!.AsArray().Concat(t["responsibleUnits"]!.AsArray()).Any(u => u!.GetValue<string>() == "区科技局"));
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_through_the_gateway()
    {
        var malformed = await Gateway.PostAsync("/api/v1/plans", new StringContent("{\"code\":", Encoding.UTF8, "application/json"));
        var huge = await Gateway.PostAsync("/api/v1/plans",
            new StringContent("{\"code\":\"" + new string('x', 10 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"));
        var missing = await Gateway.GetAsync("/api/v1/plans/NO-SUCH-PLAN");

        (await ProblemCodeAsync(malformed, HttpStatusCode.BadRequest)).Should().Be("invalidJson");
        (await ProblemCodeAsync(huge, HttpStatusCode.RequestEntityTooLarge)).Should().Be("payloadTooLarge");
        (await ProblemCodeAsync(missing, HttpStatusCode.NotFound)).Should().Be("notFound");
    }

    [Fact]
    public async Task The_request_id_is_generated_when_absent_and_kept_when_sent()
    {
        var generated = await Gateway.GetAsync("/api/v1/regions?pageSize=1");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plans/NO-SUCH-PLAN");
        request.Headers.Add("X-Request-Id", "statistics-bureau-7");
        var kept = await Gateway.SendAsync(request);

        generated.Headers.GetValues("X-Request-Id").Should().ContainSingle().Which.Should().MatchRegex("^[0-9a-f]{32}$");
        kept.Headers.GetValues("X-Request-Id").Should().Equal("statistics-bureau-7");
        var problem = JsonNode.Parse(await kept.Content.ReadAsStringAsync())!;
        problem["requestId"]!.GetValue<string>().Should().Be("statistics-bureau-7", "the service saw the id the gateway forwarded");
    }

    [Fact]
    public async Task Readiness_and_swagger_cover_every_deployed_service()
    {
        var ready = await HttpApi.JsonAsync(await Gateway.GetAsync("/health/ready"), HttpStatusCode.OK);
        var ui = await Gateway.GetStringAsync("/swagger/index.html");
        var uiConfig = await Gateway.GetStringAsync("/swagger/index.js");
        var plansDocument = await HttpApi.JsonAsync(await Gateway.GetAsync("/openapi/plans.json"), HttpStatusCode.OK);

        ready["checks"]!["services"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        ui.Should().Contain("swagger-ui");
        uiConfig.Should().Contain("/openapi/plans.json");
        plansDocument["info"]!["title"]!.GetValue<string>().Should().Be("Plans API");
        plansDocument["paths"]!["/api/v1/plans"].Should().NotBeNull();
    }

    [Fact]
    public async Task The_admin_client_named_in_the_environment_gets_a_token_with_every_scope()
    {
        var response = await Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("grant_type", "client_credentials"),
            KeyValuePair.Create("client_id", system.AdminClientId),
            KeyValuePair.Create("client_secret", system.AdminClientSecret),
        ]));
        var discovery = await HttpApi.JsonAsync(await Gateway.GetAsync("/.well-known/openid-configuration"), HttpStatusCode.OK);

        var token = await HttpApi.JsonAsync(response, HttpStatusCode.OK);
        token["scope"]!.GetValue<string>().Split(' ').Should().Contain(["plans.write", "admin", "talent.pii"]);
        discovery["issuer"]!.GetValue<string>().Should().Be($"http://localhost:{system.GatewayPort}");
        system.Output.Should().Contain($"admin       {system.AdminClientId} / {system.AdminClientSecret}");
    }

    private static async Task<string> ProblemCodeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await HttpApi.JsonAsync(response, expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return problem["code"]!.GetValue<string>();
    }
}
