using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// The platform register on real processes and a real Redis, through the gateway: platforms accredited
/// in Jinghai are counted in the public statistics, and the host enterprise's profile at the Enterprises
/// service lists its platform from the Platforms events.
/// </summary>
[Collection(SystemCollection.Name)]
public class PlatformsEndToEndTests(SystemFixture system)
{
    private HttpClient Gateway => system.Gateway;

    /// <summary>Platforms of the type and level active today in Jinghai and in Tianjin, from the public statistics.</summary>
    private async Task<(int Jinghai, int Tianjin)> ActiveAsync(string type, string level)
    {
        var statistics = await HttpApi.JsonAsync(
            await system.Anonymous.GetAsync($"/api/v1/platforms/statistics?type={type}&level={level}&groupBy=region"), HttpStatusCode.OK);
        int Count(string region) => statistics["rows"]!.AsArray().Where(r => r!["regionCode"]!.GetValue<string>() == region)
            .Sum(r => r!["count"]!.GetValue<int>());
        return (Count("120118"), Count("120000"));
    }

    private async Task<JsonArray> HostedPlatformsAsync(string creditCode) =>
        (await HttpApi.JsonAsync(await Gateway.GetAsync($"/api/v1/enterprises/{creditCode}"), HttpStatusCode.OK))["platforms"]!.AsArray();

    [Fact]
    public async Task A_municipal_university_science_park_and_a_national_incubator_in_Jinghai_are_counted_and_the_host_lists_its_incubator()
    {
        var parks = await ActiveAsync("UniversitySciencePark", "municipal");
        var incubators = await ActiveAsync("Incubator", "national");
        var host = CreditCodes.New("120118");
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/enterprises", new
        {
            creditCode = host, name = "天津静海孵化器运营有限公司", regionCode = "120118", industry = "科技推广和应用服务业", foundedOn = "2016-04-01",
        }), HttpStatusCode.Created);

        var park = await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/platforms", new
        {
            name = $"天津静海大学科技园{Guid.NewGuid():N}"[..20], type = "UniversitySciencePark", level = "municipal", regionCode = "120118",
            hostName = "天津中医药大学", hostKind = "university", field = "大健康", approvedOn = "2025-12-01", documentNumber = "津科区〔2025〕7号",
        }), HttpStatusCode.Created);
        var incubator = await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/platforms", new
        {
            name = $"静海国家级科技企业孵化器{Guid.NewGuid():N}"[..20], type = "Incubator", level = "national", regionCode = "120118",
            hostCreditCode = host, field = "新材料", approvedOn = "2025-12-20", documentNumber = "国科火字〔2025〕210号",
        }), HttpStatusCode.Created);

        incubator["hostName"]!.GetValue<string>().Should().Be("天津静海孵化器运营有限公司", "the directory found the new enterprise (by its event or from the register)");
        (await ActiveAsync("UniversitySciencePark", "municipal")).Should().Be((parks.Jinghai + 1, parks.Tianjin + 1));
        (await ActiveAsync("Incubator", "national")).Should().Be((incubators.Jinghai + 1, incubators.Tianjin + 1));
        var listed = await Eventually.ValueAsync(() => HostedPlatformsAsync(host), platforms => platforms.Count == 1,
            "the Enterprises profile lists the incubator");
        listed[0]!["id"]!.GetValue<string>().Should().Be(incubator["id"]!.GetValue<string>());
        listed[0]!["type"]!.GetValue<string>().Should().Be("Incubator");
        listed[0]!["level"]!.GetValue<string>().Should().Be("national");

        var incubatorId = incubator["id"]!.GetValue<string>();
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync($"/api/v1/platforms/{incubatorId}/status",
            new { status = "suspended", reason = "年度评价不合格，暂停整改" }), HttpStatusCode.OK);

        (await ActiveAsync("Incubator", "national")).Should().Be(incubators, "a suspended incubator is not active");
        (await ActiveAsync("UniversitySciencePark", "municipal")).Should().Be((parks.Jinghai + 1, parks.Tianjin + 1));
        await Eventually.HoldsAsync(async () => (await HostedPlatformsAsync(host))[0]!["status"]!.GetValue<string>() == "suspended",
            "the profile shows the suspension");
        var history = await HttpApi.JsonAsync(await Gateway.GetAsync($"/api/v1/platforms/{incubatorId}/status-history"), HttpStatusCode.OK);
        history.AsArray().Select(h => h!["to"]!.GetValue<string>()).Should().Equal("active", "suspended");
        park["status"]!.GetValue<string>().Should().Be("active");
    }

    [Fact]
    public async Task The_platforms_service_is_routed_documented_audited_and_ready_behind_the_gateway()
    {
        var ready = await HttpApi.JsonAsync(await Gateway.GetAsync("/health/ready"), HttpStatusCode.OK);
        var uiConfig = await Gateway.GetStringAsync("/swagger/index.js");
        var document = await HttpApi.JsonAsync(await Gateway.GetAsync("/openapi/platforms.json"), HttpStatusCode.OK);
        var types = await HttpApi.JsonAsync(await system.Anonymous.GetAsync("/api/v1/platforms/types"), HttpStatusCode.OK);
        var audit = await Gateway.GetAsync("/api/v1/audit/platforms?pageSize=1");
        var events = await Gateway.GetAsync("/api/v1/events/platforms/status");

        ready["checks"]!["services"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        using var direct = new HttpClient();
        (await direct.GetAsync($"http://127.0.0.1:{system.PlatformsPort}/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK,
            "the gateway's readiness waits for the Platforms service, which deploy/run.sh started");
        uiConfig.Should().Contain("/openapi/platforms.json");
        document["info"]!["title"]!.GetValue<string>().Should().Be("Platforms API");
        types.AsArray().Should().Contain(t => t!["key"]!.GetValue<string>() == "StarInnovationStation");
        audit.StatusCode.Should().Be(HttpStatusCode.OK);
        events.StatusCode.Should().Be(HttpStatusCode.OK);
        (await system.Anonymous.GetAsync("/api/v1/platforms")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
