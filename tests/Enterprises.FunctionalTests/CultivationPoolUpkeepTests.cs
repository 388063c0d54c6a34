using System.Net;
using Enterprises.Api.CultivationPool;
using Enterprises.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>
/// The precomputed pool follows every kind of write without a rebuild, and a rebuild finds the same rows. Each test works
/// in a district of its own (the clock stands at 2026-11-22, so the default application year is 2026, reports 2023–2025).
/// </summary>
public class CultivationPoolUpkeepTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    /// <summary>An enterprise founded in 2015 with sound reports for the years given (each year missing from 2023–2025 leaves R&amp;D undetermined).</summary>
    internal static async Task<string> EnterpriseAsync(HttpClient client, string region, string? zone, params int[] years)
    {
        var code = await client.CreateEnterpriseAsync(region, zone);
        foreach (var year in years)
        {
            await EligibilityApiTests.PutReportAsync(client, code, year, EligibilityApiTests.Year());
        }

        return code;
    }

    /// <summary>The enterprise's missed-criteria count in the 2026 pool of the region (up to 3 missing), or null when it is not there.</summary>
    internal static async Task<int?> MissingAsync(HttpClient client, string code, string region)
    {
        var page = await (await client.GetAsync($"/api/v1/enterprises/cultivation-pool?regionCode={region}&maxMissing=3&pageSize=500"))
            .JsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray().FirstOrDefault(i => i!["creditCode"]!.GetValue<string>() == code)?["missingCount"]!.GetValue<int>();
    }

    [Fact]
    public async Task A_report_filed_changes_the_count_at_once()
    {
        var code = await EnterpriseAsync(client, "120101", null, 2023, 2025);
        (await MissingAsync(client, code, "120101")).Should().Be(1, "R&D over 2023–2025 is undetermined without 2024");

        await EligibilityApiTests.PutReportAsync(client, code, 2024, EligibilityApiTests.Year());

        (await MissingAsync(client, code, "120101")).Should().Be(0);
        await EligibilityApiTests.PutReportAsync(client, code, 2025, EligibilityApiTests.Year(rdExpenseWan: 10m, rdStaff: 5));
        (await MissingAsync(client, code, "120101")).Should().Be(2, "a replaced report counts as well");
    }

    [Fact]
    public async Task A_HighTech_grant_takes_the_enterprise_out_and_its_revocation_brings_it_back()
    {
        var code = await EnterpriseAsync(client, "120102", null, 2023, 2024, 2025);
        var other = await EnterpriseAsync(client, "120102", null, 2023, 2024, 2025);
        await client.GrantAsync(other, "TechSme", "2026-03-01");

        var granted = await client.GrantAsync(code, "HighTech", "2026-06-01");

        (await MissingAsync(client, code, "120102")).Should().BeNull();
        (await MissingAsync(client, other, "120102")).Should().Be(0, "another type of qualification does not count");
        await (await client.PostJsonAsync($"/api/v1/enterprises/{code}/qualifications/{granted["id"]}/revoke",
            new { reason = "存在严重失信行为", revokedOn = "2026-11-01" })).JsonAsync(HttpStatusCode.OK);
        (await MissingAsync(client, code, "120102")).Should().Be(0);
    }

    [Fact]
    public async Task An_enterprise_moved_to_another_district_or_zone_is_listed_there_only()
    {
        var code = await EnterpriseAsync(client, "120103", "12Z01", 2023, 2024, 2025);
        (await MissingAsync(client, code, "12Z01")).Should().Be(0);

        var read = await client.GetAsync($"/api/v1/enterprises/{code}");
        await (await client.PatchAsync($"/api/v1/enterprises/{code}", new { regionCode = "120104", zoneCode = (string?)null, name = "天津迁址科技有限公司" },
            read.ETag())).JsonAsync(HttpStatusCode.OK);

        (await MissingAsync(client, code, "120103")).Should().BeNull();
        (await MissingAsync(client, code, "12Z01")).Should().BeNull();
        (await MissingAsync(client, code, "120104")).Should().Be(0);
        var page = await (await client.GetAsync("/api/v1/enterprises/cultivation-pool?regionCode=120104&maxMissing=3")).JsonAsync(HttpStatusCode.OK);
        page["items"]!.AsArray().Single(i => i!["creditCode"]!.GetValue<string>() == code)!["name"]!.GetValue<string>().Should().Be("天津迁址科技有限公司");
    }

    [Fact]
    public async Task An_import_moving_an_enterprise_moves_its_pool_rows()
    {
        var code = await EnterpriseAsync(client, "120112", null, 2023, 2024, 2025);
        var csv = "creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn\n"
            + $"{code},天津导入科技有限公司,,120113,,新材料,2015-03-18\n{CreditCodes.New("120113")},天津新导入科技有限公司,,120113,,,2015-03-18\n";

        var report = await (await client.PostRawAsync("/api/v1/enterprises/import", csv, "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["updated"]!.GetValue<int>().Should().Be(1);
        (await MissingAsync(client, code, "120112")).Should().BeNull();
        (await MissingAsync(client, code, "120113")).Should().Be(0);
    }

    [Fact]
    public async Task A_rebuild_finds_the_rows_the_writes_left()
    {
        await EnterpriseAsync(client, "120105", null, 2023, 2024, 2025);
        await EnterpriseAsync(client, "120105", "12Z01", 2022, 2024);
        var held = await EnterpriseAsync(client, "120105", null, 2023, 2024, 2025);
        await client.GrantAsync(held, "HighTech", "2025-01-01");
        var incremental = await RowsAsync(factory);
        incremental.Should().NotBeEmpty().And.NotContain(r => r.StartsWith(held), "a holder of HighTech today is in no year's pool");

        var rebuilt = await RebuildAsync();

        rebuilt.Rebuilt.Should().BeTrue();
        (await RowsAsync(factory)).Should().Equal(incremental);
        var asked = await (await client.PostAsync("/api/v1/enterprises/cultivation-pool/rebuild", null)).JsonAsync(HttpStatusCode.OK);
        asked["rebuilt"]!.GetValue<bool>().Should().BeTrue();
        (await RowsAsync(factory)).Should().Equal(incremental);
    }

    [Fact]
    public async Task Replicas_starting_at_once_build_the_pool_once_and_both_start()
    {
        await EnterpriseAsync(client, "120106", null, 2023, 2024, 2025);
        var incremental = await RowsAsync(factory);
        await ForgetBuildAsync();

        var both = await Task.WhenAll(CatchUpAsync(), CatchUpAsync());

        both.Count(c => c.Rebuilt).Should().Be(1, "the second waits for the first's build, then finds the pool built under these rules");
        (await RowsAsync(factory)).Should().Equal(incremental);
    }

    [Fact]
    public async Task Only_admins_ask_for_a_rebuild()
    {
        var writer = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read enterprises.write"));

        (await writer.PostAsync("/api/v1/enterprises/cultivation-pool/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.ClientWith(null).PostAsync("/api/v1/enterprises/cultivation-pool/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    /// <summary>Every row of the pool, as text, in order.</summary>
    internal static async Task<List<string>> RowsAsync(EnterprisesApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        return (await db.CultivationPool.AsNoTracking().ToListAsync())
            .Select(p => $"{p.CreditCode} {p.Year} {p.MissingCount} {p.Name} {p.RegionCode} {p.ZoneCode}")
            .Order(StringComparer.Ordinal).ToList();
    }

    private async Task<PoolCatchUp> RebuildAsync()
    {
        await ForgetBuildAsync();
        return await CatchUpAsync();
    }

    /// <summary>As a first start finds it: no record of a build, so the next catch-up builds the pool whole.</summary>
    private async Task ForgetBuildAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>().CultivationPoolState.ExecuteDeleteAsync();
    }

    /// <summary>The start-up catch-up, as a replica sends it, in a scope (and a transaction) of its own.</summary>
    private async Task<PoolCatchUp> CatchUpAsync()
    {
        await Task.Yield();
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CatchUpCultivationPool());
    }
}

/// <summary>The day ending a HighTech qualification, with the factory's clock moved forward (so a class of its own).</summary>
public class CultivationPoolDayTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_qualification_that_ends_with_the_day_brings_its_holder_back_at_the_next_catch_up()
    {
        var code = await CultivationPoolUpkeepTests.EnterpriseAsync(client, "120106", null, 2023, 2024, 2025);
        await client.GrantAsync(code, "HighTech", "2023-12-01");
        (await CultivationPoolUpkeepTests.MissingAsync(client, code, "120106")).Should().BeNull("it holds HighTech until 2026-11-30");

        factory.Clock.Advance(TimeSpan.FromDays(10));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var done = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CatchUpCultivationPool());
            done.Refreshed.Should().Be(1);
            done.AsOf.Should().Be(new DateOnly(2026, 12, 2));
        }

        (await CultivationPoolUpkeepTests.MissingAsync(client, code, "120106")).Should().Be(0, "no expiry pass has run, but the day has");
    }
}
