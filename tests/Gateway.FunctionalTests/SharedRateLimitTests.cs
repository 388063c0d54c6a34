using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using TestSupport;

namespace Gateway.FunctionalTests;

/// <summary>Two gateway replicas counting their windows in one real Redis (RateLimits:Redis).</summary>
public sealed class SharedRateLimitTests : IDisposable
{
    private const string Probe = "/.well-known/openid-configuration";
    private readonly RedisServer redis = new();
    private readonly string prefix = $"test:{Guid.NewGuid():N}:";
    private readonly string keys = Path.Combine(Path.GetTempPath(), "gateway-keys", Guid.NewGuid().ToString("N"));

    private GatewayFactory Replica(int perClient, int perAddress, string window = "00:01:00") => new()
    {
        PerClient = perClient,
        PerAnonymousAddress = perAddress,
        Window = window,
        KeyDirectory = keys,
        Settings = new() { ["RateLimits:Redis"] = redis.ConnectionString, ["RateLimits:KeyPrefix"] = prefix },
    };

    /// <summary>
    /// Waits out the last 10 seconds of a one-minute window: the windows are fixed and numbered by the clock, so requests
    /// that straddle a minute's end are counted in two windows (a CI run saw four requests pass of three).
    /// </summary>
    private static async Task AwayFromAWindowsEndAsync()
    {
        var left = TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 60_000);
        if (left < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(200));
        }
    }

    [Fact]
    public async Task A_limit_holds_across_the_replicas_a_callers_requests_are_spread_over()
    {
        await using var first = Replica(perClient: 4, perAddress: 3);
        await using var second = Replica(perClient: 4, perAddress: 3);
        HttpClient[] anonymous = [first.CreateClient(), second.CreateClient()];

        await AwayFromAWindowsEndAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await anonymous[i % 2].GetAsync(Probe)).StatusCode);
        }

        statuses.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)],
            "the three requests the address may make in the window are counted once, on either replica");
        var refused = await anonymous[1].GetAsync(Probe);
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]!.GetValue<string>().Should().Be("rateLimited");
    }

    [Fact]
    public async Task A_clients_allowance_is_shared_across_the_replicas_and_apart_from_its_address()
    {
        await using var first = Replica(perClient: 4, perAddress: 1);
        await using var second = Replica(perClient: 4, perAddress: 1);
        var token = await TokenAsync(first.CreateClient());
        HttpClient[] reader = [first.CreateClient(), second.CreateClient()];
        foreach (var client in reader)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        await AwayFromAWindowsEndAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await reader[i % 2].GetAsync(Probe)).StatusCode);
        }

        statuses.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task While_Redis_is_down_each_replica_still_limits_alone_and_answers_no_5xx()
    {
        await using var first = Replica(perClient: 100, perAddress: 2);
        var client = first.CreateClient();
        (await client.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.OK);

        redis.Stop();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync(Probe)).StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(
            [KeyValuePair.Create("grant_type", "client_credentials"), KeyValuePair.Create("client_id", "reader"),
             KeyValuePair.Create("client_secret", GatewayFactory.ReaderSecret)]));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    public void Dispose()
    {
        redis.Dispose();
        if (Directory.Exists(keys))
        {
            Directory.Delete(keys, recursive: true);
        }
    }
}
