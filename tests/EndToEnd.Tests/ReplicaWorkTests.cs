using System.Net;
using System.Net.Http.Json;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>What the replicas share: periodic work done once, idempotency keys held across processes.</summary>
[Collection(ReplicaCollection.Name)]
public class ReplicaWorkTests(ReplicaSystemFixture replicas)
{
    private HttpClient Front => replicas.System.Gateway;

    [Theory]
    [InlineData("enterprises", "ExpireQualifications for period")]
    [InlineData("platforms", "ReviewRectifications for period")]
    public void The_start_up_run_of_a_periodic_command_is_made_by_one_replica(string service, string logged)
    {
        var ran = Enumerable.Range(1, ReplicaSystemFixture.Replicas)
            .Select(i => replicas.LogOf($"{service}-{i}").Count(line => line.Contains(logged, StringComparison.Ordinal) && line.Contains(": Ran", StringComparison.Ordinal)))
            .ToList();
        ran.Sum().Should().Be(1, $"one {service} replica claims the period's run and the others find it running or done (runs per replica: {string.Join(", ", ran)})");
    }

    [Fact]
    public void The_start_up_refresh_of_the_bound_indicators_is_made_by_one_plans_replica()
    {
        Enumerable.Range(1, ReplicaSystemFixture.Replicas)
            .Sum(i => replicas.LogOf($"plans-{i}").Count(line => line.Contains("Refreshed the bound indicators for", StringComparison.Ordinal)))
            .Should().Be(1);
    }

    [Fact]
    public async Task Grants_consumed_by_the_plans_replicas_move_an_indicator_once_each()
    {
        await HttpApi.JsonAsync(await Front.PutAsJsonAsync("/api/v1/regions/120000/registers/enterprises",
            new { authoritative = true, since = "2026-01-01" }), HttpStatusCode.OK);
        var before = await PlanProgress.ActualAsync(Front, "JH-STI-14FYP", "T1-04");
        const int grants = 12;

        var grantedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd");
        await Task.WhenAll(Enumerable.Range(0, grants).Select(async i =>
        {
            var creditCode = CreditCodes.New("120118");
            await HttpApi.JsonAsync(await Front.PostAsJsonAsync("/api/v1/enterprises", new
            {
                creditCode, name = $"天津静海副本计数科技有限公司{i:D2}", regionCode = "120118", industry = "新材料", foundedOn = "2017-06-01",
            }), HttpStatusCode.Created);
            await HttpApi.JsonAsync(await Front.PostAsJsonAsync($"/api/v1/enterprises/{creditCode}/qualifications",
                new { type = "HighTech", certificateNumber = $"GR{creditCode[^10..]}", grantedOn }), HttpStatusCode.Created);
        }));

        try
        {
            await Eventually.HoldsAsync(async () => await PlanProgress.ActualAsync(Front, "JH-STI-14FYP", "T1-04") == before + grants,
                "Jinghai's high-tech indicator counts every grant", seconds: 30);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}; what the replicas logged of failures:\n{replicas.FailuresLogged("plans", "enterprises")}");
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await PlanProgress.ActualAsync(Front, "JH-STI-14FYP", "T1-04")).Should().Be(before + grants,
            "each event is applied once, by whichever replica's consumer took it");
    }

    [Fact]
    public async Task Concurrent_first_requests_with_one_idempotency_key_through_both_gateways_make_one_platform()
    {
        var name = $"天津幂等副本测试众创空间{Guid.NewGuid():N}"[..20];
        var key = Guid.NewGuid().ToString("N");
        var body = new
        {
            name, type = "UniversitySciencePark", level = "municipal", regionCode = "120116",
            hostName = "天津大学", hostKind = "university", field = "智能制造", approvedOn = "2025-11-01", documentNumber = "津科区〔2025〕13号",
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/platforms") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await Front.SendAsync(request);
            var json = await HttpApi.JsonAsync(response, HttpStatusCode.Created);
            return (Id: json["id"]!.GetValue<string>(), Replayed: response.Headers.Contains("Idempotent-Replayed"));
        }));

        answers.Select(a => a.Id).Distinct().Should().ContainSingle("every answer is the first one's, whichever replica took it");
        answers.Count(a => !a.Replayed).Should().Be(1, "one request made the platform and the others replayed its answer");
        var found = await HttpApi.JsonAsync(await Front.GetAsync($"/api/v1/platforms?q={Uri.EscapeDataString(name)}"), HttpStatusCode.OK);
        found["items"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Equal(name);

        // A later retry replays the answer on whichever replica it lands: each reads the record and decrypts
        // it with the key ring the replicas share.
        for (var i = 0; i < 6; i++)
        {
            using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/platforms") { Content = JsonContent.Create(body) };
            retry.Headers.Add("Idempotency-Key", key);
            using var response = await Front.SendAsync(retry);
            var json = await HttpApi.JsonAsync(response, HttpStatusCode.Created);
            json["id"]!.GetValue<string>().Should().Be(answers[0].Id);
            response.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        }
    }
}
