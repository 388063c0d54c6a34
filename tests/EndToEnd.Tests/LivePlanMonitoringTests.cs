using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// The product's reason to be, on real processes and a real Redis: the enterprise, platform and
/// talent registers move the seeded plans' indicators without anyone typing numbers.
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
        var qualification = await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync($"/api/v1/enterprises/{creditCode}/qualifications", new
        {
            type = "HighTech", certificateNumber = "GR202612000001", grantedOn,
        }), HttpStatusCode.Created);
        // Timed from the register's answer: the first grant of a fresh system also pays for its own cold start.
        var clock = Stopwatch.StartNew();

        await Eventually.HoldsAsync(async () => await ActualAsync("JH-STI-14FYP", "T1-04") == jinghai + 1
                                     && await ActualAsync("TJ-STI-14FYP", "T1-05") == tianjin + 1, "both indicators count the grant");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "progress follows the register within a second of its answer");
        var progress = await HttpApi.JsonAsync(await Gateway.GetAsync("/api/v1/plans/JH-STI-14FYP/progress"), HttpStatusCode.OK);
        var actual = progress["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "T1-04")!["actual"]!;
        actual["origin"]!.GetValue<string>().Should().Be("metric");
        actual["source"]!.GetValue<string>().Should().Be("register:enterprises");

        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync(
            $"/api/v1/enterprises/{creditCode}/qualifications/{qualification["id"]}/revoke", new { reason = "认定材料不实" }), HttpStatusCode.OK);
        clock.Restart();

        await Eventually.HoldsAsync(async () => await ActualAsync("JH-STI-14FYP", "T1-04") == jinghai
                                     && await ActualAsync("TJ-STI-14FYP", "T1-05") == tianjin, "both indicators drop the revoked grant");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_municipal_university_science_park_and_a_national_incubator_in_Jinghai_move_the_bound_indicators_and_a_suspension_moves_them_back()
    {
        await HttpApi.JsonAsync(await Gateway.PutAsJsonAsync("/api/v1/regions/120000/registers/platforms",
            new { authoritative = true, since = "2026-01-01" }), HttpStatusCode.OK);
        var parks = (Tianjin: await ActualAsync("TJ-STI-14FYP", "T1-10"), Jinghai: await ActualAsync("JH-STI-14FYP", "T1-12"));
        var carriers = await ActualAsync("JH-STI-14FYP", "T1-11");

        var park = await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/platforms", new
        {
            name = $"静海大学科技园{Guid.NewGuid():N}"[..20], type = "UniversitySciencePark", level = "municipal", regionCode = "120118",
            hostName = "天津中医药大学", hostKind = "university", field = "大健康", approvedOn = "2025-12-01", documentNumber = "津科区〔2025〕8号",
        }), HttpStatusCode.Created);
        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/platforms", new
        {
            name = $"静海国家级孵化器{Guid.NewGuid():N}"[..20], type = "Incubator", level = "national", regionCode = "120118",
            hostName = "天津医科大学", hostKind = "university", field = "生物医药", approvedOn = "2025-12-20", documentNumber = "国科火字〔2025〕211号",
        }), HttpStatusCode.Created);

        await Eventually.HoldsAsync(async () => await ActualAsync("TJ-STI-14FYP", "T1-10") == parks.Tianjin + 1
                                     && await ActualAsync("JH-STI-14FYP", "T1-12") == parks.Jinghai + 1
                                     && await ActualAsync("JH-STI-14FYP", "T1-11") == carriers + 1,
            "the municipal and Jinghai 市级以上 park indicators and Jinghai's 孵化载体 count the new platforms");
        var actual = await ActualOfAsync("JH-STI-14FYP", "T1-12");
        actual["origin"]!.GetValue<string>().Should().Be("metric");
        actual["source"]!.GetValue<string>().Should().Be("register:platforms");

        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync($"/api/v1/platforms/{park["id"]!.GetValue<string>()}/status",
            new { status = "suspended", reason = "年度评价不合格，暂停整改" }), HttpStatusCode.OK);

        await Eventually.HoldsAsync(async () => await ActualAsync("TJ-STI-14FYP", "T1-10") == parks.Tianjin
                                     && await ActualAsync("JH-STI-14FYP", "T1-12") == parks.Jinghai,
            "both park indicators drop the suspended park");
        (await ActualAsync("JH-STI-14FYP", "T1-11")).Should().Be(carriers + 1, "the incubator is still active");
    }

    [Fact]
    public async Task A_talent_recognition_moves_the_municipal_young_scientists_indicator_and_its_revocation_moves_it_back()
    {
        await HttpApi.JsonAsync(await Gateway.PutAsJsonAsync("/api/v1/regions/120000/registers/talent",
            new { authoritative = true, since = "2026-01-01" }), HttpStatusCode.OK);
        var young = await ActualAsync("TJ-STI-14FYP", "S-01");
        var person = await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync("/api/v1/talents", new
        {
            documentType = "residentIdentityCard", idNumber = IdentityNumbers.New("120118"), name = "王青", phone = IdentityNumbers.Phone(),
            education = "doctorate", title = "副研究员", field = "合成生物", regionCode = "120118",
        }), HttpStatusCode.Created);
        var talentId = person["id"]!.GetValue<string>();

        var recognition = await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync($"/api/v1/talents/{talentId}/recognitions",
            new { programme = "YoungScientists", year = DateTime.UtcNow.AddHours(8).Year }), HttpStatusCode.Created);

        await Eventually.HoldsAsync(async () => await ActualAsync("TJ-STI-14FYP", "S-01") == young + 1,
            "千名优秀青年科技人才 counts the recognition");
        (await ActualOfAsync("TJ-STI-14FYP", "S-01"))["source"]!.GetValue<string>().Should().Be("register:talent");

        await HttpApi.JsonAsync(await Gateway.PostAsJsonAsync(
            $"/api/v1/talents/{talentId}/recognitions/{recognition["id"]!.GetValue<string>()}/revoke", new { reason = "推荐材料不实" }),
            HttpStatusCode.OK);

        await Eventually.HoldsAsync(async () => await ActualAsync("TJ-STI-14FYP", "S-01") == young, "the revoked recognition no longer counts");
    }

    /// <summary>The value of an indicator's latest actual (0 when the register has nothing yet).</summary>
    private Task<decimal> ActualAsync(string plan, string indicator) => PlanProgress.ActualAsync(Gateway, plan, indicator);

    /// <summary>An indicator's latest actual, which must exist.</summary>
    private async Task<JsonNode> ActualOfAsync(string plan, string indicator)
    {
        var progress = await HttpApi.JsonAsync(await Gateway.GetAsync($"/api/v1/plans/{plan}/progress"), HttpStatusCode.OK);
        return progress["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == indicator)!["actual"]!;
    }
}
