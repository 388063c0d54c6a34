using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using TestSupport;
using Xunit.Abstractions;

namespace EndToEnd.Tests;

/// <summary>
/// The replica topology of its own, for a test that kills processes: entries a dead consumer held are
/// taken over after 5 s (EventBus:RetryAfter) rather than 30.
/// </summary>
public sealed class KilledReplicaSystemFixture() : ReplicaSystemFixture(new Dictionary<string, string> { ["EventBus__RetryAfter"] = "00:00:05", ["RateLimits__PerClient"] = "1000000" });

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KilledReplicaCollection : ICollectionFixture<KilledReplicaSystemFixture>
{
    public const string Name = "killed replicas";
}

/// <summary>
/// kill -9 of one replica of every kind (each service, a gateway) while callers register enterprises
/// and read through the front. A caller retries a failed request (a write with the same
/// Idempotency-Key) up to four times with a growing pause, as the API asks clients to. A call counts
/// in the phase it ended in, a failed attempt in the phase it failed in.
/// </summary>
[Collection(KilledReplicaCollection.Name)]
public class KillUnderLoadTests(KilledReplicaSystemFixture replicas, ITestOutputHelper output)
{
    private const int Callers = 4;
    private static readonly string[] Victims = ["enterprises-1", "plans-1", "platforms-1", "talent-1", "gateway-1"];
    private static readonly string[] Reads = ["/api/v1/plans?status=published", "/api/v1/platforms?pageSize=5", "/api/v1/talent-programmes"];

    private sealed record Call(string Phase, bool Write, string? CreditCode, int FailedAttempts, bool Succeeded, double Milliseconds);

    private volatile string phase = "warm-up";
    private readonly ConcurrentDictionary<string, int> failures = new();

    [Fact]
    public async Task No_acknowledged_write_and_no_event_is_lost_and_callers_see_only_a_few_retried_errors()
    {
        // The first calls of each kind reach processes that have served nothing yet: outside the figures.
        await RegisterAsync();
        foreach (var read in Reads)
        {
            await ReadAsync(read);
        }

        phase = "before";
        var calls = new List<Call>();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var call = i % 2 == 0 ? await RegisterAsync() : await ReadAsync(Reads[i / 2 % Reads.Length]);
                lock (calls)
                {
                    calls.Add(call);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(6));
        phase = "during";
        foreach (var victim in Victims)
        {
            using var process = Process.GetProcessById(replicas.ProcessOf(victim));
            process.Kill();
        }

        await Task.Delay(TimeSpan.FromSeconds(12));
        phase = "after";
        await Task.Delay(TimeSpan.FromSeconds(8));
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        foreach (var group in calls.GroupBy(c => c.Phase))
        {
            var latencies = group.Select(c => c.Milliseconds).Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key,-6}: {group.Count(),5} calls, {failures.GetValueOrDefault(group.Key),3} failed attempts (retried), " +
                $"{group.Count(c => !c.Succeeded),2} failed after retries, p99 {latencies[(int)(latencies.Count * 0.99)],6:0} ms"));
        }

        calls.Should().OnlyContain(c => c.Succeeded, "every call succeeds, on its first try or a retry");
        failures.GetValueOrDefault("before").Should().Be(0);
        failures.GetValueOrDefault("after").Should().Be(0, "the dead replicas are out of the balancing 12 s after the kill");
        // Measured: 22 failed attempts in 349 calls on a quiet machine, 13 in 89 on one at load average 80.
        failures.GetValueOrDefault("during").Should().BeLessThan(calls.Count(c => c.Phase == "during") / 5,
            "only requests in flight to a killed process, or sent to it before the health checks take it out (a few seconds), fail");

        var registered = calls.Where(c => c.Write).Select(c => c.CreditCode!).ToList();
        registered.Should().HaveCountGreaterThan(20);
        foreach (var creditCode in registered)
        {
            (await replicas.System.Gateway.GetAsync($"/api/v1/enterprises/{creditCode}")).StatusCode.Should().Be(HttpStatusCode.OK,
                $"{creditCode} was acknowledged, so it is stored");
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{replicas.System.RedisPort}");
        var stream = redis.GetDatabase();
        var published = (await stream.StreamRangeAsync("sti:events:enterprises"))
            .Where(e => e["type"] == "EnterpriseRegistered")
            .Select(e => JsonNode.Parse((string)e["payload"]!)!["creditCode"]!.GetValue<string>())
            .ToHashSet();
        registered.Should().OnlyContain(c => published.Contains(c), "each acknowledged registration's event reached the stream");
        await Eventually.HoldsAsync(async () =>
            (await stream.StreamGroupInfoAsync("sti:events:enterprises")).Single(g => g.Name == "plans") is { PendingMessageCount: 0, Lag: 0 },
            "the surviving Plans replica applied every event, those the killed one held included", seconds: 60);
    }

    private async Task<Call> RegisterAsync()
    {
        var creditCode = CreditCodes.New("120118");
        var key = Guid.NewGuid().ToString("N");
        return await WithRetriesAsync(creditCode, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/enterprises")
            {
                Content = JsonContent.Create(new
                {
                    creditCode, name = $"天津静海负载测试科技有限公司{creditCode[^6..]}", regionCode = "120118", industry = "新材料", foundedOn = "2019-05-01",
                }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }, HttpStatusCode.Created);
    }

    private Task<Call> ReadAsync(string path) =>
        WithRetriesAsync(null, () => new HttpRequestMessage(HttpMethod.Get, path), HttpStatusCode.OK);

    private async Task<Call> WithRetriesAsync(string? creditCode, Func<HttpRequestMessage> request, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var message = request();
                using var response = await replicas.System.Gateway.SendAsync(message);
                if (response.StatusCode == expected)
                {
                    return new Call(phase, creditCode is not null, creditCode, attempt, true, clock.Elapsed.TotalMilliseconds);
                }

                output.WriteLine($"{phase}: {message.Method} {message.RequestUri} answered {(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                output.WriteLine($"{phase}: {e.Message}");
            }

            failures.AddOrUpdate(phase, 1, (_, n) => n + 1);
            if (attempt == 4)
            {
                return new Call(phase, creditCode is not null, creditCode, attempt + 1, false, clock.Elapsed.TotalMilliseconds);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 << attempt));
        }
    }
}
