using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Gateway.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests;

public class RateLimitTests
{
    private const string Probe = "/.well-known/openid-configuration";

    [Fact]
    public async Task A_burst_over_the_limit_gets_429_with_retry_after_and_traffic_passes_again_after_the_window()
    {
        await using var factory = new GatewayFactory { PerAnonymousAddress = 3, Window = "00:00:01" };
        var client = factory.CreateClient();
        // Windows follow the clock (second 0, 1, …): the host answers once outside the limit, so that its first
        // answer's start-up does not stretch the burst, and the burst starts as a window opens, so all of it falls in one.
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromMilliseconds(1000 - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 1000));

        var burst = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            burst.Add(await client.GetAsync(Probe));
        }

        burst.Take(3).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var refused = burst[3];
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        problem["code"]!.GetValue<string>().Should().Be("rateLimited");
        problem["status"]!.GetValue<int>().Should().Be(429);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        await Task.Delay(refused.Headers.RetryAfter.Delta!.Value + TimeSpan.FromMilliseconds(200));
        (await client.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("RateLimits:Window", "60.00:00:00", "*Window*")]
    [InlineData("RateLimits:Clients:reader", "0", "*Clients*")]
    public void A_limit_no_limiter_could_be_made_with_stops_the_gateway_at_start(string setting, string value, string message)
    {
        // Each partition's limiter is made on a request: with Redis counting, a window past a timer's longest period (about
        // 49 days) answered every request 500, and a client's own limit of 0 answered each of that client's requests 500.
        using var factory = new GatewayFactory { Settings = { ["RateLimits:Redis"] = "127.0.0.1:1,abortConnect=false", [setting] = value } };

        var start = () => factory.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage(message);
    }

    [Fact]
    public async Task Each_client_has_its_own_allowance_and_anonymous_callers_theirs()
    {
        await using var factory = new GatewayFactory { PerClient = 2, PerAnonymousAddress = 2, Window = "00:01:00" };
        var anonymous = factory.CreateClient();
        var token = await TokenAsync(anonymous, "reader", GatewayFactory.ReaderSecret);
        var reader = factory.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        (await anonymous.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.OK, "the token request used one of two");
        (await anonymous.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await reader.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.OK, "a client is not counted with anonymous callers");
        (await reader.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_forged_token_is_counted_with_anonymous_callers()
    {
        await using var factory = new GatewayFactory { PerClient = 100, PerAnonymousAddress = 1, Window = "00:01:00" };
        var forger = factory.CreateClient();
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJub25lIn0.eyJjbGllbnRfaWQiOiJhZG1pbiJ9.");

        (await forger.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await forger.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_client_token_is_verified_once_however_many_requests_carry_it()
    {
        await using var factory = new GatewayFactory { PerClient = 3, Window = "00:01:00" };
        var anonymous = factory.CreateClient();
        var reader = factory.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(anonymous, "reader", GatewayFactory.ReaderSecret));
        var verified = factory.Services.GetRequiredService<VerifiedClients>().Tokens;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await reader.GetAsync(Probe)).StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        verified.Verifications.Should().Be(1, "the signature is checked on the first request and remembered until the token expires");
        verified.Hits.Should().Be(4, "the three requests let through, and the fourth twice: the limiter asks for the partition of a request " +
            "again (its wait, with no queue) before it turns it away");
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_never_counted_as_its_client_however_often_it_is_sent()
    {
        await using var factory = new GatewayFactory { PerClient = 100, PerAnonymousAddress = 2, Window = "00:01:00" };
        await using var other = new GatewayFactory { KeyDirectory = Path.Combine(Path.GetTempPath(), "gateway-keys", Guid.NewGuid().ToString("N")) };
        var forger = factory.CreateClient();
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await TokenAsync(other.CreateClient(), "admin", GatewayFactory.AdminSecret));

        (await forger.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await forger.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await forger.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "it counts with anonymous callers");
        factory.Services.GetRequiredService<VerifiedClients>().Tokens.Hits.Should().Be(0);
    }

    [Fact]
    public async Task Health_probes_are_never_limited()
    {
        await using var factory = new GatewayFactory { PerAnonymousAddress = 1, Window = "00:01:00" };
        var client = factory.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    private static async Task<string> TokenAsync(HttpClient client, string id, string secret)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(
            [KeyValuePair.Create("grant_type", "client_credentials"), KeyValuePair.Create("client_id", id), KeyValuePair.Create("client_secret", secret)]));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }
}

public class BrowserAndHeaderTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_configured_origin_passes_the_cors_preflight_and_another_does_not()
    {
        var client = factory.CreateClient();

        var allowed = await client.SendAsync(Preflight("https://portal.tj.gov.cn"));
        var other = await client.SendAsync(Preflight("https://evil.example"));

        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://portal.tj.gov.cn");
        allowed.Headers.GetValues("Access-Control-Allow-Headers").Single().Should().ContainEquivalentOf("if-match");
        other.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Answers_carry_security_headers()
    {
        var response = await factory.CreateClient().GetAsync("/.well-known/openid-configuration");

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/plans");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,if-match");
        return request;
    }
}
