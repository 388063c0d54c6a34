using System.Net;
using System.Net.Http.Json;

namespace Enterprises.FunctionalTests;

/// <summary>A register of four enterprises, created once for the list tests.</summary>
public sealed class ListRegisterFactory : EnterprisesApiFactory, IAsyncLifetime
{
    public string BinhaiZone { get; private set; } = "";
    public string Binhai { get; private set; } = "";
    public string Dongli { get; private set; } = "";
    public string Jinghai { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var client = CreateClient();
        BinhaiZone = await client.CreateEnterpriseAsync("120116", "12Z01", "新一代信息技术");
        Binhai = await client.CreateEnterpriseAsync("120116", null, "生物医药");
        Dongli = await client.CreateEnterpriseAsync("120110", null, "新一代信息技术");
        Jinghai = await client.CreateEnterpriseAsync("120118", null, "高端装备");
        await client.GrantAsync(BinhaiZone, "HighTech", "2025-06-01");
        await Report(client, BinhaiZone, 2023, 1_500_000m);
        await Report(client, BinhaiZone, 2025, 1_000_000.25m);
        await Report(client, BinhaiZone, 2024, 2_000_000m);
        await client.GrantAsync(Dongli, "TechSme", "2026-04-01");
        var revoked = await client.GrantAsync(Jinghai, "HighTech", "2025-06-01");
        await (await client.PostJsonAsync($"/api/v1/enterprises/{Jinghai}/qualifications/{revoked["id"]}/revoke",
            new { reason = "申报材料不实" })).JsonAsync(HttpStatusCode.OK);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static async Task Report(HttpClient client, string code, int year, decimal revenueWan) =>
        await (await client.PutAsJsonAsync($"/api/v1/enterprises/{code}/annual-reports/{year}", Api.Report(revenueWan, highTechRevenueWan: 0m)))
            .JsonAsync(HttpStatusCode.Created);
}

/// <summary>Filters, paging and sorting of the enterprise list, over a register of its own.</summary>
public class EnterpriseListTests(ListRegisterFactory factory) : IClassFixture<ListRegisterFactory>
{
    private readonly HttpClient client = factory.CreateClient();
    private readonly string binhaiZone = factory.BinhaiZone, binhai = factory.Binhai, dongli = factory.Dongli, jinghai = factory.Jinghai;

    private async Task<string[]> CodesAsync(string query)
    {
        var page = await (await client.GetAsync($"/api/v1/enterprises?pageSize=500&{query}")).JsonAsync(HttpStatusCode.OK);
        return page["items"].Strings("creditCode");
    }

    [Fact]
    public async Task Region_filter_includes_the_regions_below()
    {
        (await CodesAsync("regionCode=120000")).Should().BeEquivalentTo([binhaiZone, binhai, dongli, jinghai]);
        (await CodesAsync("regionCode=120116")).Should().BeEquivalentTo([binhaiZone, binhai]);
        (await CodesAsync("regionCode=12Z01")).Should().BeEquivalentTo([binhaiZone]);
        (await CodesAsync("zoneCode=12Z01")).Should().BeEquivalentTo([binhaiZone]);
    }

    [Fact]
    public async Task Qualification_filter_counts_only_what_is_held_today()
    {
        (await CodesAsync("qualification=HighTech")).Should().BeEquivalentTo([binhaiZone], "the Jinghai grant was revoked");
        (await CodesAsync("qualification=techSme")).Should().BeEquivalentTo([dongli]);
    }

    [Fact]
    public async Task Industry_and_name_search()
    {
        (await CodesAsync("industry=新一代信息技术")).Should().BeEquivalentTo([binhaiZone, dongli]);
        (await CodesAsync("q=海河智能")).Should().HaveCount(4);
        (await CodesAsync("q=intelligent")).Should().HaveCount(4);
        (await CodesAsync($"q={dongli[..12].ToLowerInvariant()}")).Should().Contain(dongli);
    }

    [Fact]
    public async Task Current_qualifications_are_summarised_on_each_enterprise()
    {
        var item = await (await client.GetAsync($"/api/v1/enterprises/{binhaiZone}")).JsonAsync(HttpStatusCode.OK);
        var summary = item["qualifications"]!.AsArray().Should().ContainSingle().Subject!;
        summary["type"]!.GetValue<string>().Should().Be("HighTech");
        summary["grantedOn"]!.GetValue<string>().Should().Be("2025-06-01");
        summary["expiresOn"]!.GetValue<string>().Should().Be("2028-05-31");
        summary["id"]!.GetValue<long>().Should().BePositive();
        var revoked = await (await client.GetAsync($"/api/v1/enterprises/{jinghai}")).JsonAsync(HttpStatusCode.OK);
        revoked["qualifications"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Pages_and_sorts()
    {
        var page = await (await client.GetAsync("/api/v1/enterprises?regionCode=120000&pageSize=2&page=2&sort=-creditCode")).JsonAsync(HttpStatusCode.OK);

        page["totalCount"]!.GetValue<int>().Should().Be(4);
        page["pageSize"]!.GetValue<int>().Should().Be(2);
        page["items"].Strings("creditCode").Should().Equal(new[] { binhaiZone, binhai, dongli, jinghai }.OrderDescending(StringComparer.Ordinal).Skip(2));
    }

    [Fact]
    public async Task A_sort_of_commas_only_keeps_the_default_order()
    {
        (await CodesAsync("sort=,,")).Should().Equal(await CodesAsync(""));
    }

    [Fact]
    public async Task A_page_far_past_the_last_is_empty()
    {
        var page = await (await client.GetAsync("/api/v1/enterprises?page=2147483647&pageSize=500")).JsonAsync(HttpStatusCode.OK);

        page["items"]!.AsArray().Should().BeEmpty();
        page["totalCount"]!.GetValue<int>().Should().Be(4);
    }

    [Theory]
    [InlineData("regionCode=999999", "regionCode")]
    [InlineData("qualification=Unicorn", "qualification")]
    [InlineData("sort=revenue", "sort")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("format=xml", "format")]
    [InlineData("q=%00", "q")]
    [InlineData("zoneCode=12Z%0001", "zoneCode")]
    [InlineData("industry=%00", "industry")]
    [InlineData("format=csv&q=a%00", "q")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query, string parameter)
    {
        var problem = await (await client.GetAsync($"/api/v1/enterprises?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(parameter).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Register_wide_qualification_list_carries_region_and_zone()
    {
        var page = await (await client.GetAsync("/api/v1/qualifications?regionCode=120116&pageSize=500")).JsonAsync(HttpStatusCode.OK);
        var item = page["items"]!.AsArray().Should().ContainSingle().Subject!;
        item["creditCode"]!.GetValue<string>().Should().Be(binhaiZone);
        item["regionCode"]!.GetValue<string>().Should().Be("120116");
        item["zoneCode"]!.GetValue<string>().Should().Be("12Z01");
        item["status"]!.GetValue<string>().Should().Be("valid");
        item.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["id", "creditCode", "regionCode", "zoneCode", "type",
            "certificateNumber", "grantedOn", "expiresOn", "status", "revokedOn", "revocationReason", "expiredOn", "holderRevenueWan",
            "holderRevenueYear"]);

        var revoked = await (await client.GetAsync("/api/v1/qualifications?status=revoked&type=HighTech")).JsonAsync(HttpStatusCode.OK);
        var only = revoked["items"]!.AsArray().Should().ContainSingle().Subject!;
        only["creditCode"]!.GetValue<string>().Should().Be(jinghai);
        only["revocationReason"]!.GetValue<string>().Should().Be("申报材料不实");
        (await (await client.GetAsync("/api/v1/qualifications?pageSize=500&count=true")).JsonAsync(HttpStatusCode.OK))["totalCount"]!
            .GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Register_wide_qualification_list_carries_the_revenue_of_the_holders_latest_report()
    {
        var page = await (await client.GetAsync("/api/v1/qualifications?pageSize=500&sort=creditCode")).JsonAsync(HttpStatusCode.OK);
        var byHolder = page["items"]!.AsArray().ToDictionary(i => i!["creditCode"]!.GetValue<string>());

        byHolder[binhaiZone]!["holderRevenueYear"]!.GetValue<int>().Should().Be(2025, "the latest year, not the last filed");
        byHolder[binhaiZone]!["holderRevenueWan"]!.GetValue<decimal>().Should().Be(1_000_000.25m);
        byHolder[dongli]!["holderRevenueWan"].Should().BeNull("Dongli has filed no report");
        byHolder[dongli]!["holderRevenueYear"].Should().BeNull();
    }
}

/// <summary>The name search on PostgreSQL, whose text columns compare bytes ("C") but whose names fold case by the database's locale.</summary>
public class NameSearchCaseTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    [Fact]
    public async Task A_name_search_matches_letters_beyond_ASCII_in_either_case()
    {
        var client = factory.CreateClient();
        var code = CreditCodes.New("120113");
        await (await client.PostJsonAsync("/api/v1/enterprises", new
        {
            creditCode = code, name = "天津ＡＢＣ精密仪器有限公司", nameEn = "Tianjin Précision ÉLAN Instruments", regionCode = "120113", foundedOn = "2016-05-01",
        })).JsonAsync(HttpStatusCode.Created);

        async Task<string[]> FoundAsync(string q) =>
            (await (await client.GetAsync($"/api/v1/enterprises?q={Uri.EscapeDataString(q)}")).JsonAsync(HttpStatusCode.OK))["items"].Strings("creditCode");

        (await FoundAsync("ＡＢＣ精密")).Should().Equal(code);
        (await FoundAsync("précision")).Should().Equal(code);
        if (EnterprisesApiFactory.PostgresServer is not null)
        {
            // The search folds case by the names' collation, the database's (SQLite's LIKE folds ASCII letters alone).
            (await FoundAsync("élan")).Should().Equal(code);
            (await FoundAsync("ａｂｃ精密")).Should().Equal(code);
        }
    }
}
