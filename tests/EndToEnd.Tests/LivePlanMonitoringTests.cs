using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// The product's reason to be, on real processes and a real Redis: the enterprise register moves
/// the plans' indicators without anyone typing numbers.
/// </summary>
[Collection(SystemCollection.Name)]
public class LivePlanMonitoringTests(SystemFixture system)
{
    private HttpClient Gateway => system.Gateway;

    [Fact]
    public async Task A_HighTech_grant_in_Jinghai_moves_the_Jinghai_and_municipal_indicators_within_a_second_and_a_revocation_drops_them()
    {
        await HttpApi.JsonAsync(await Gateway.PutAsJsonAsync("/api/v1/regions/120000/registers/enterprises",
            new { authoritative = true, since = "2026-01-01" }), HttpStatusCode.OK);
        var jinghai = await ActualAsync("JH-STI-14FYP", "T1-04");
        var tianjin = await ActualAsync("TJ-STI-14FYP", "T1-05");

        var creditCode = CreditCodes.New("120118");
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/enterprises", new
        {
            creditCode, name = "天津静海测试科技有限公司", nameEn = "Jinghai Test Technology Co., Ltd.", regionCode = "120118",
            industry = "新材料", foundedOn = "2015-06-01",
        }), HttpStatusCode.Created);
        var grantedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd");
        var clock = Stopwatch.StartNew();
        var qualification = await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync($"/api/v1/enterprises/{creditCode}/qualifications", new
        {
            type = "HighTech", certificateNumber = "GR202612000001", grantedOn,
        }), HttpStatusCode.Created);
        var granted = clock.Elapsed;

        await Eventually.HoldsAsync(async () => await ActualAsync("JH-STI-14FYP", "T1-04") == jinghai + 1
                                     && await ActualAsync("TJ-STI-14FYP", "T1-05") == tianjin + 1, "both indicators count the grant");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "progress follows the register within a second (the grant took {0})", granted);
        var progress = await HttpApi.JsonAsync(await Gateway.GetAsync("/api/v1/plans/JH-STI-14FYP/progress"), HttpStatusCode.OK);
        var actual = progress["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "T1-04")!["actual"]!;
        actual["origin"]!.GetValue<string>().Should().Be("metric");
        actual["source"]!.GetValue<string>().Should().Be("register:enterprises");

        clock.Restart();
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync(
            $"/api/v1/enterprises/{creditCode}/qualifications/{qualification["id"]}/revoke", new { reason = "认定材料不实" }), HttpStatusCode.OK);

        await Eventually.HoldsAsync(async () => await ActualAsync("JH-STI-14FYP", "T1-04") == jinghai
                                     && await ActualAsync("TJ-STI-14FYP", "T1-05") == tianjin, "both indicators drop the revoked grant");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    /// <summary>The value of an indicator's latest actual (0 when the register has nothing yet).</summary>
    private async Task<decimal> ActualAsync(string plan, string indicator)
    {
        var progress = await HttpApi.JsonAsync(await Gateway.GetAsync($"/api/v1/plans/{plan}/progress"), HttpStatusCode.OK);
        var entry = progress["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == indicator)!;
        return entry["actual"] is JsonObject actual ? actual["value"]!.GetValue<decimal>() : 0;
    }
}
