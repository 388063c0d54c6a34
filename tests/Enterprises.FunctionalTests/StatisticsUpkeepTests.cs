using System.Net;
using Enterprises.Api.Data;
using Enterprises.Api.Statistics;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enterprises.FunctionalTests;

/// <summary>
/// The counts the statistics read follow every kind of write without a rebuild, and a rebuild finds the same counts. Each
/// test works in districts of its own (the clock stands at 2026-11-22).
/// </summary>
public class StatisticsUpkeepTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    /// <summary>The count of <paramref name="type"/> in <paramref name="region"/> the statistics give for <paramref name="query"/>.</summary>
    private async Task<int> CountAsync(string region, string query, string type = "HighTech")
    {
        var body = await (await client.GetAsync($"/api/v1/enterprises/statistics?type={type}&{query}")).JsonAsync(HttpStatusCode.OK);
        return body["rows"]!.AsArray().Single(r => r!["regionCode"]!.GetValue<string>() == region)!["count"]!.GetValue<int>();
    }

    /// <summary>Every row of the statistics for a spread of days and windows, as text.</summary>
    private async Task<List<string>> EveryCountAsync()
    {
        string[] queries = ["asOf=2022-12-31", "asOf=2025-02-28", "asOf=2025-03-01", "asOf=2026-01-01", "asOf=2026-06-30", "asOf=2026-11-22",
            "asOf=2029-12-31", "metric=granted&from=2020-01-01&to=2026-11-22", "metric=granted&from=2026-03-02&to=2026-06-30", "metric=granted"];
        var rows = new List<string>();
        foreach (var query in queries)
        {
            var body = await (await client.GetAsync($"/api/v1/enterprises/statistics?{query}")).JsonAsync(HttpStatusCode.OK);
            rows.AddRange(body["rows"]!.AsArray().Select(r => $"{query} {r!["regionCode"]} {r["type"]} {r["count"]}"));
        }

        return rows;
    }

    [Fact]
    public async Task A_grant_counts_from_its_day_and_a_revocation_from_its_day_on_no_longer()
    {
        var code = await client.CreateEnterpriseAsync("120101", null);

        var granted = await client.GrantAsync(code, "HighTech", "2026-03-01");

        (await CountAsync("120101", "asOf=2026-02-28")).Should().Be(0);
        (await CountAsync("120101", "asOf=2026-03-01")).Should().Be(1, "a grant holds from its day");
        (await CountAsync("120000", "asOf=2029-02-28")).Should().Be(1, "a HighTech grant holds three years, to 2029-02-28");
        (await CountAsync("120000", "asOf=2029-03-01")).Should().Be(0);
        await (await client.PostJsonAsync($"/api/v1/enterprises/{code}/qualifications/{granted["id"]}/revoke",
            new { reason = "撤销", revokedOn = "2026-06-01" })).JsonAsync(HttpStatusCode.OK);
        (await CountAsync("120101", "asOf=2026-05-31")).Should().Be(1, "it held until its revocation");
        (await CountAsync("120101", "asOf=2026-06-01")).Should().Be(0, "it holds no longer from the day it was revoked");
        (await CountAsync("120101", "metric=granted&from=2026-03-01&to=2026-03-01")).Should().Be(1, "it was granted, whatever happened after");
        (await CountAsync("120101", "metric=granted&from=2026-03-02")).Should().Be(0);
    }

    [Fact]
    public async Task An_enterprise_moved_to_another_district_or_zone_takes_its_qualifications_with_it()
    {
        var code = await client.CreateEnterpriseAsync("120102", "12Z02");
        await client.GrantAsync(code, "HighTech", "2025-04-01");
        await client.GrantAsync(code, "TechSme", "2026-02-01");
        (await CountAsync("12Z02", "asOf=2026-06-30")).Should().Be(1);

        var read = await client.GetAsync($"/api/v1/enterprises/{code}");
        await (await client.PatchAsync($"/api/v1/enterprises/{code}", new { regionCode = "120103", zoneCode = (string?)null }, read.ETag()))
            .JsonAsync(HttpStatusCode.OK);

        (await CountAsync("120102", "asOf=2026-06-30")).Should().Be(0);
        (await CountAsync("12Z02", "asOf=2026-06-30")).Should().Be(0);
        (await CountAsync("120103", "asOf=2026-06-30")).Should().Be(1);
        (await CountAsync("120103", "asOf=2026-06-30", "TechSme")).Should().Be(1);
        (await CountAsync("120103", "metric=granted&from=2025-01-01", "HighTech")).Should().Be(1, "its grants in the past count where it is now");
    }

    [Fact]
    public async Task An_import_that_moves_enterprises_moves_their_counts()
    {
        var moving = await client.CreateEnterpriseAsync("120104", null);
        var staying = await client.CreateEnterpriseAsync("120104", null);
        await client.GrantAsync(moving, "HighTech", "2025-04-01");
        await client.GrantAsync(staying, "HighTech", "2025-05-01");
        var csv = "creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn\n"
            + $"{moving},天津迁入科技有限公司,,120105,12Z03,新材料,2015-01-01\n"
            + $"{staying},天津留守科技有限公司,,120104,,新材料,2015-01-01\n";

        var report = await (await client.PostRawAsync("/api/v1/enterprises/import", csv, "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["updated"]!.GetValue<int>().Should().Be(2);
        (await CountAsync("120104", "asOf=2026-06-30")).Should().Be(1);
        (await CountAsync("120105", "asOf=2026-06-30")).Should().Be(1);
        (await CountAsync("12Z03", "asOf=2026-06-30")).Should().Be(1);
        (await CountAsync("120105", "metric=granted&from=2025-04-01&to=2025-04-01")).Should().Be(1);
    }

    [Fact]
    public async Task Grants_sent_at_once_in_one_district_are_each_counted()
    {
        var codes = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            codes.Add(await client.CreateEnterpriseAsync("120106", "12Z04"));
        }

        var responses = await Task.WhenAll(codes.Select(code => factory.CreateClient().PostJsonAsync($"/api/v1/enterprises/{code}/qualifications",
            new { type = "HighTech", grantedOn = "2026-07-01" })));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created);
        (await CountAsync("120106", "asOf=2026-07-01")).Should().Be(codes.Count);
        (await CountAsync("12Z04", "metric=granted&from=2026-07-01&to=2026-07-01")).Should().Be(codes.Count);
    }

    [Fact]
    public async Task A_rebuild_finds_the_counts_the_writes_kept()
    {
        var first = await client.CreateEnterpriseAsync("120112", "12Z05");
        var second = await client.CreateEnterpriseAsync("120112", null);
        await client.GrantAsync(first, "HighTech", "2025-03-01");
        var revoked = await client.GrantAsync(second, "Eagle", "2026-01-15", "2026-12-31");
        await (await client.PostJsonAsync($"/api/v1/enterprises/{second}/qualifications/{revoked["id"]}/revoke",
            new { reason = "撤销", revokedOn = "2026-06-30" })).JsonAsync(HttpStatusCode.OK);
        var incremental = await EveryCountAsync();
        incremental.Should().Contain("asOf=2026-06-30 12Z05 HighTech 1");

        var rebuilt = await (await client.PostAsync("/api/v1/enterprises/statistics/rebuild", null)).JsonAsync(HttpStatusCode.OK);

        rebuilt["built"]!.GetValue<bool>().Should().BeTrue();
        rebuilt["qualifications"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(2);
        (await EveryCountAsync()).Should().Equal(incremental);
    }

    [Fact]
    public async Task Counts_never_built_are_built_at_start_and_a_second_start_finds_them_built()
    {
        var code = await client.CreateEnterpriseAsync("120113", null);
        await client.GrantAsync(code, "HighTech", "2026-02-01");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        await db.QualificationCounts.ExecuteDeleteAsync();
        await db.QualificationCountsState.ExecuteDeleteAsync();
        (await CountAsync("120113", "asOf=2026-06-30")).Should().Be(0, "the counts were emptied, as a register loaded past the service has none");

        var first = await BuildAsync();
        var second = await BuildAsync();

        first.Built.Should().BeTrue();
        second.Built.Should().BeFalse("the counts were built under this signature");
        (await CountAsync("120113", "asOf=2026-06-30")).Should().Be(1);
    }

    private async Task<CountsBuilt> BuildAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new BuildQualificationCounts());
    }

    [Fact]
    public async Task The_first_and_last_days_of_the_calendar_are_counted_like_any_other()
    {
        var code = await client.CreateEnterpriseAsync("120114", null);
        await client.GrantAsync(code, "Leader", "2026-01-01", "9999-12-31");

        (await CountAsync("120114", "asOf=9999-12-31", "Leader")).Should().Be(1, "a term to the calendar's last day holds on it");
        (await CountAsync("120114", "asOf=0001-01-01", "Leader")).Should().Be(0);
        (await CountAsync("120114", "metric=granted&from=0001-01-01&to=9999-12-31", "Leader")).Should().Be(1);
        (await CountAsync("120114", "metric=granted&from=0001-01-01&to=0001-01-01", "Leader")).Should().Be(0);
    }

    [Fact]
    public async Task Only_admins_ask_for_a_rebuild()
    {
        var writer = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read enterprises.write"));

        (await writer.PostAsync("/api/v1/enterprises/statistics/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.ClientWith(null).PostAsync("/api/v1/enterprises/statistics/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
