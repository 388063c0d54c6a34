using System.Net;
using System.Text.Json.Nodes;

namespace Enterprises.FunctionalTests;

/// <summary>
/// Six enterprises whose qualifications held at different times, created once for the statistics tests. Two in Binhai hold
/// HighTech, one in a functional zone and one outside any: the district counts both. The zone also holds one in Xiqing:
/// it counts its enterprises of every district.
/// </summary>
public sealed class StatisticsRegisterFactory : EnterprisesApiFactory, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var client = CreateClient();
        var binhaiZone = await client.CreateEnterpriseAsync("120116", "12Z01");
        await client.GrantAsync(binhaiZone, "HighTech", "2024-12-02");
        var binhaiOutsideZones = await client.CreateEnterpriseAsync("120116", null);
        await client.GrantAsync(binhaiOutsideZones, "HighTech", "2024-06-03");
        var xiqingZone = await client.CreateEnterpriseAsync("120111", "12Z01");
        await client.GrantAsync(xiqingZone, "HighTech", "2024-06-03");
        var dongli = await client.CreateEnterpriseAsync("120110", null);
        await client.GrantAsync(dongli, "HighTech", "2022-10-10");
        var jinghai = await client.CreateEnterpriseAsync("120118", null);
        var revoked = await client.GrantAsync(jinghai, "HighTech", "2025-03-01");
        await (await client.PostJsonAsync($"/api/v1/enterprises/{jinghai}/qualifications/{revoked["id"]}/revoke",
            new { reason = "撤销", revokedOn = "2025-09-01" })).JsonAsync(HttpStatusCode.OK);
        var binhai = await client.CreateEnterpriseAsync("120116", null);
        await client.GrantAsync(binhai, "TechSme", "2025-05-01");
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public class StatisticsApiTests(StatisticsRegisterFactory factory) : IClassFixture<StatisticsRegisterFactory>
{
    private readonly HttpClient anonymous = factory.ClientWith(null);

    private async Task<Dictionary<(string Region, string Type), int>> CountsAsync(string query)
    {
        var body = await (await anonymous.GetAsync($"/api/v1/enterprises/statistics?{query}")).JsonAsync(HttpStatusCode.OK);
        return body["rows"]!.AsArray().ToDictionary(
            r => (r!["regionCode"]!.GetValue<string>(), r["type"]!.GetValue<string>()), r => r!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Qualified_at_year_end_rolls_districts_up_to_Tianjin_and_keeps_zones_apart()
    {
        var counts = await CountsAsync("metric=qualified&type=HighTech&groupBy=region&asOf=2025-12-31");

        counts.Should().HaveCount(22, "Tianjin, 16 districts and 5 zones");
        counts[("120116", "HighTech")].Should().Be(2, "the district counts its enterprises in a zone and outside any");
        counts[("120110", "HighTech")].Should().Be(0, "its grant ended on 2025-10-09");
        counts[("120118", "HighTech")].Should().Be(0, "revoked on 2025-09-01");
        counts[("120111", "HighTech")].Should().Be(1);
        counts[("12Z01", "HighTech")].Should().Be(2, "the zone counts its enterprises in Binhai and in Xiqing");
        counts[("120000", "HighTech")].Should().Be(3, "zones are not added to the municipality");
        counts[("120000", "HighTech")].Should().Be(counts.Where(c => c.Key.Region.StartsWith("1201")).Sum(c => c.Value));
    }

    [Fact]
    public async Task Qualified_before_expiry_and_revocation_counts_them()
    {
        var counts = await CountsAsync("metric=qualified&type=HighTech&asOf=2025-06-30");

        counts[("120110", "HighTech")].Should().Be(1, "it expired later, so it held then");
        counts[("120118", "HighTech")].Should().Be(1, "it was revoked later");
        counts[("120000", "HighTech")].Should().Be(5);
        counts[("120116", "HighTech")].Should().Be(2);
        counts[("12Z01", "HighTech")].Should().Be(2);
    }

    [Fact]
    public async Task Without_a_type_there_is_a_row_per_type()
    {
        var counts = await CountsAsync("asOf=2025-12-31");

        counts.Should().HaveCount(22 * 6);
        counts[("120116", "TechSme")].Should().Be(1, "a TechSme grant holds to the end of its year");
        counts[("120000", "TechSme")].Should().Be(1);
        counts[("120000", "Eagle")].Should().Be(0);
    }

    [Fact]
    public async Task Granted_counts_grants_in_the_window_whatever_happened_after()
    {
        var counts = await CountsAsync("metric=granted&from=2025-01-01&to=2025-12-31");

        counts[("120118", "HighTech")].Should().Be(1);
        counts[("120116", "HighTech")].Should().Be(0, "granted in 2024");
        counts[("120116", "TechSme")].Should().Be(1);
        counts[("120000", "HighTech")].Should().Be(1);
        var body = await (await anonymous.GetAsync("/api/v1/enterprises/statistics?metric=granted&to=2025-12-31")).JsonAsync(HttpStatusCode.OK);
        body["from"]!.GetValue<string>().Should().Be("2025-01-01");
    }

    [Theory]
    [InlineData("metric=unicorns", "metric")]
    [InlineData("groupBy=industry", "groupBy")]
    [InlineData("type=Unicorn", "type")]
    [InlineData("metric=granted&from=2025-12-31&to=2025-01-01", "from")]
    [InlineData("metric=granted&asOf=2025-12-31", "asOf")]
    [InlineData("metric=qualified&from=2025-01-01", "from")]
    [InlineData("asOf=2025-13-45", "asOf")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string parameter)
    {
        var problem = await (await anonymous.GetAsync($"/api/v1/enterprises/statistics?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(parameter).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Rows_name_the_region_in_Chinese_and_English()
    {
        var body = await (await anonymous.GetAsync("/api/v1/enterprises/statistics?type=HighTech")).JsonAsync(HttpStatusCode.OK);
        var tianjin = body["rows"]!.AsArray().First(r => r!["regionCode"]!.GetValue<string>() == "120000")!;

        tianjin["regionName"]!.GetValue<string>().Should().Be("天津市");
        tianjin["regionNameEn"]!.GetValue<string>().Should().Be("Tianjin Municipality");
        tianjin["kind"]!.GetValue<string>().Should().Be("municipality");
        body["asOf"]!.GetValue<string>().Should().Be("2026-11-22");
        body["metric"]!.GetValue<string>().Should().Be("qualified");
    }
}
