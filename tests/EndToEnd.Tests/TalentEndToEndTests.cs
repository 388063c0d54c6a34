using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// The talent register on real processes through the gateway: identity numbers and phones shown whole
/// to a token holding talent.pii and masked to one without it, an employer found at the Enterprises
/// service as the talent-service client deploy/run.sh registers, and the service documented, audited
/// and ready behind the gateway.
/// </summary>
[Collection(SystemCollection.Name)]
public class TalentEndToEndTests(SystemFixture system)
{
    private HttpClient Gateway => system.Gateway;

    private async Task<HttpClient> WithoutPiiAsync()
    {
        var client = new HttpClient { BaseAddress = Gateway.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await system.AdminTokenAsync("talent.read talent.write enterprises.read"));
        return client;
    }

    [Fact]
    public async Task Identity_numbers_and_phones_are_shown_with_talent_pii_and_masked_without_it_through_the_gateway()
    {
        var employer = CreditCodes.New("120118");
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/enterprises", new
        {
            creditCode = employer, name = "天津静海新材料科技有限公司", regionCode = "120118", industry = "新材料", foundedOn = "2014-05-01",
        }), HttpStatusCode.Created);
        var idNumber = IdentityNumbers.New("120118");
        var phone = IdentityNumbers.Phone();
        using var withoutPii = await WithoutPiiAsync();

        var registered = await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/talents", new
        {
            documentType = "residentIdentityCard", idNumber, name = "李静", phone, education = "doctorate", title = "正高级工程师",
            field = "新材料", employerCreditCode = employer, regionCode = "120118",
        }), HttpStatusCode.Created);
        var id = registered["id"]!.GetValue<string>();
        var shown = await HttpApi.JsonAsync(await Gateway.GetAsync($"/api/v1/talents/{id}"), HttpStatusCode.OK);
        var masked = await HttpApi.JsonAsync(await withoutPii.GetAsync($"/api/v1/talents/{id}"), HttpStatusCode.OK);
        var listed = await HttpApi.JsonAsync(await withoutPii.GetAsync($"/api/v1/talents?employerCreditCode={employer}"), HttpStatusCode.OK);
        var lookupWithoutPii = await withoutPii.PostAsJsonAsync("/api/v1/talents/lookup", new { phone });
        var found = await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/talents/lookup", new { phone }), HttpStatusCode.OK);

        registered["idNumber"]!.GetValue<string>().Should().Be(idNumber);
        registered["employerCreditCode"]!.GetValue<string>().Should().Be(employer,
            "the employer was found at the Enterprises service, by its event or by the talent-service client's look-up");
        shown["idNumber"]!.GetValue<string>().Should().Be(idNumber);
        shown["phone"]!.GetValue<string>().Should().Be(phone);
        masked["idNumber"]!.GetValue<string>().Should().Be(idNumber[..6] + "********" + idNumber[^4..]);
        masked["phone"]!.GetValue<string>().Should().Be(phone[..3] + "****" + phone[^4..]);
        listed["items"]!.AsArray().Should().ContainSingle().Which!["idNumber"]!.GetValue<string>().Should().Be(masked["idNumber"]!.GetValue<string>());
        (await withoutPii.GetStringAsync($"/api/v1/talents/{id}")).Should().NotContain(idNumber).And.NotContain(phone);
        lookupWithoutPii.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        found["items"]!.AsArray().Should().ContainSingle().Which!["id"]!.GetValue<string>().Should().Be(id);
    }

    [Fact]
    public async Task The_talent_service_is_routed_documented_audited_and_ready_behind_the_gateway()
    {
        var ready = await HttpApi.JsonAsync(await Gateway.GetAsync("/health/ready"), HttpStatusCode.OK);
        var uiConfig = await Gateway.GetStringAsync("/swagger/index.js");
        var document = await HttpApi.JsonAsync(await Gateway.GetAsync("/openapi/talent.json"), HttpStatusCode.OK);
        var programmes = await HttpApi.JsonAsync(await system.Anonymous.GetAsync("/api/v1/talent-programmes"), HttpStatusCode.OK);
        var statistics = await system.Anonymous.GetAsync("/api/v1/talents/statistics?metric=commissioners");
        var audit = await Gateway.GetAsync("/api/v1/audit/talent?pageSize=1");
        var events = await Gateway.GetAsync("/api/v1/events/talent/status");
        var teams = await Gateway.GetAsync("/api/v1/teams");
        var commissioners = await Gateway.GetAsync("/api/v1/commissioners");

        ready["checks"]!["services"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        using var direct = new HttpClient();
        (await direct.GetAsync($"http://127.0.0.1:{system.TalentPort}/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK,
            "deploy/run.sh started the Talent service on its own port");
        uiConfig.Should().Contain("/openapi/talent.json").And.Contain("/openapi/platforms.json");
        document["info"]!["title"]!.GetValue<string>().Should().Be("Talent API");
        document["paths"]!["/api/v1/talents"].Should().NotBeNull();
        programmes["items"]!.AsArray().Should().Contain(p => p!["code"]!.GetValue<string>() == "TechCommissioner");
        statistics.StatusCode.Should().Be(HttpStatusCode.OK);
        audit.StatusCode.Should().Be(HttpStatusCode.OK);
        events.StatusCode.Should().Be(HttpStatusCode.OK);
        teams.StatusCode.Should().Be(HttpStatusCode.OK);
        commissioners.StatusCode.Should().Be(HttpStatusCode.OK);
        (await system.Anonymous.GetAsync("/api/v1/talents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
