using System.Net;
using System.Text;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// Hostile requests through the real gateway to the real services: what only shows across the YARP
/// hop, where a header the gateway's HTTP client cannot carry used to be a 502.
/// </summary>
[Collection(SystemCollection.Name)]
public class HostileInputEndToEndTests(SystemFixture system)
{
    [Theory]
    [InlineData("Idempotency-Key: \u00d0\u00ba\u00d0\u00bb\u00d1\u008e\u00d1\u0087")]
    [InlineData("Idempotency-Key: \u00ff\u00fe")]
    [InlineData("X-Client: \u00e5\u00a4\u00a9\u00e6\u00b4\u00a5")]
    public async Task A_header_value_outside_ascii_is_a_400_problem_through_the_gateway_not_a_502(string field)
    {
        var code = "E2E-HDR-" + Guid.NewGuid().ToString("N")[..8];
        var body = Encoding.UTF8.GetBytes($$"""{"code":"{{code}}","title":"t","kind":"actionPlan","level":"municipal","regionCode":"120000","periodStart":2024,"periodEnd":2026,"baselineYear":2023}""");

        var answer = await RawHttp.SendAsync(system.GatewayPort,
            ["POST /api/v1/plans HTTP/1.1", $"Authorization: {system.Gateway.DefaultRequestHeaders.Authorization}", "Content-Type: application/json",
                $"Content-Length: {body.Length}", field], body);

        answer.Problem(400, "invalidHeader");
        (await system.Gateway.GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unreadable_token_is_a_401_invalid_token_from_the_service_through_the_gateway()
    {
        foreach (var kind in HostileInputs.UnreadableTokenKinds)
        {
            var token = HostileInputs.UnreadableToken(kind, $"http://localhost:{system.GatewayPort}");

            await (await system.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions").WithBearer(token)))
                .InvalidTokenAsync($"a {kind} token through the gateway");
        }
    }

    [Fact]
    public async Task A_sort_that_once_killed_a_service_is_a_400_and_both_services_keep_answering()
    {
        var sort = HostileInputs.RepeatedSort("id", 1700);

        await (await system.Gateway.GetAsync($"/api/v1/qualifications?sort={sort}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await system.Gateway.GetAsync($"/api/v1/audit/plans?sort={sort}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        (await system.Gateway.GetAsync("/api/v1/qualifications")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await system.Gateway.GetAsync("/api/v1/audit/plans")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Head_through_the_gateway_reaches_the_service_and_has_no_body()
    {
        var head = await RawHttp.SendAsync(system.GatewayPort, ["HEAD /api/v1/plans/TJ-STI-14FYP HTTP/1.1"]);
        var missing = await RawHttp.SendAsync(system.GatewayPort, ["HEAD /api/v1/plans/NO-SUCH-PLAN HTTP/1.1"]);

        head.Status.Should().Be(200);
        head.Headers.Should().ContainKey("etag");
        head.Body.Should().BeEmpty();
        missing.Status.Should().Be(404);
        missing.Body.Should().BeEmpty();
    }
}
