using System.Net;
using System.Text.Json.Nodes;

namespace Platforms.FunctionalTests;

/// <summary>Each test counts in its own district, so tests of the class do not see each other's platforms.</summary>
public class StatisticsTests(PlatformsApiFactory factory) : IClassFixture<PlatformsApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();
    private readonly HttpClient anonymous = factory.ClientWith(null);

    private async Task<JsonNode> StatisticsAsync(string query) =>
        await (await anonymous.GetAsync($"/api/v1/platforms/statistics?{query}")).JsonAsync(HttpStatusCode.OK);

    private static int CountOf(JsonNode statistics, string? region, string? type = null, string? level = null) =>
        statistics["rows"]!.AsArray().Where(r => r!["regionCode"]?.GetValue<string>() == region && r["type"]?.GetValue<string>() == type
            && r["level"]?.GetValue<string>() == level).Sum(r => r!["count"]!.GetValue<int>());

    [Fact]
    public async Task Active_platforms_are_counted_by_district_type_and_level_publicly_with_the_municipality_as_their_sum()
    {
        await client.AccreditAsync(Api.Platform("Incubator", "national", "120101"));
        await client.AccreditAsync(Api.Platform("Incubator", "municipal", "120101"));
        await client.AccreditAsync(Api.Platform("KeyLab", "municipal", "120101"));
        await client.AccreditAsync(Api.Platform("KeyLab", "municipal", "120101").With("status", "underConstruction"));
        var suspended = await client.AccreditIdAsync(Api.Platform("Incubator", "national", "120101"));
        await (await client.ChangeStatusAsync(suspended, "suspended")).JsonAsync(HttpStatusCode.OK);

        var byTypeAndLevel = await StatisticsAsync("regionCode=120101&groupBy=region,type,level");
        var byType = await StatisticsAsync("regionCode=120101&groupBy=type");

        byTypeAndLevel["metric"]!.GetValue<string>().Should().Be("active");
        CountOf(byTypeAndLevel, "120101", "Incubator", "national").Should().Be(1, "the suspended one is not active");
        CountOf(byTypeAndLevel, "120101", "Incubator", "municipal").Should().Be(1);
        CountOf(byTypeAndLevel, "120101", "KeyLab", "municipal").Should().Be(1, "the one under construction is not active");
        CountOf(byTypeAndLevel, "120000", "Incubator", "national").Should().Be(1);
        byTypeAndLevel["total"]!.GetValue<int>().Should().Be(3);
        CountOf(byType, null, "Incubator").Should().Be(2);
        byType["rows"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "KeyLab")!["typeName"]!.GetValue<string>().Should().Be("重点实验室");
    }

    [Fact]
    public async Task A_zone_is_counted_apart_and_never_twice_in_the_municipality()
    {
        await client.AccreditAsync(Api.Platform("MakerSpace", "national", "120102", "12Z04"));
        await client.AccreditAsync(Api.Platform("MakerSpace", "national", "120102"));

        var statistics = await StatisticsAsync("type=MakerSpace&regionCode=120102&groupBy=region");

        CountOf(statistics, "120102").Should().Be(2);
        CountOf(statistics, "12Z04").Should().Be(1);
        CountOf(statistics, "120000").Should().Be(2);
        statistics["rows"]!.AsArray().Single(r => r!["regionCode"]!.GetValue<string>() == "12Z04")!["regionKind"]!.GetValue<string>()
            .Should().Be("functionalZone");
    }

    [Fact]
    public async Task As_of_a_past_day_a_platform_counts_with_the_status_it_had_then()
    {
        var id = await client.AccreditIdAsync(Api.Platform("UniversitySciencePark", "national", "120103", approvedOn: "2022-01-01"));
        await (await client.ChangeStatusAsync(id, "suspended", "2024-01-01")).JsonAsync(HttpStatusCode.OK);
        await (await client.ChangeStatusAsync(id, "active", "2025-01-01")).JsonAsync(HttpStatusCode.OK);

        int Count(JsonNode s) => CountOf(s, "120103", "UniversitySciencePark");
        Count(await StatisticsAsync("regionCode=120103&asOf=2021-12-31")).Should().Be(0, "not yet approved");
        Count(await StatisticsAsync("regionCode=120103&asOf=2023-06-30")).Should().Be(1);
        Count(await StatisticsAsync("regionCode=120103&asOf=2024-06-30")).Should().Be(0, "suspended then");
        Count(await StatisticsAsync("regionCode=120103&asOf=2025-01-01")).Should().Be(1, "active again from that day");
        (await StatisticsAsync("regionCode=120103"))["asOf"]!.GetValue<string>().Should().Be("2026-11-22");
    }

    [Fact]
    public async Task Tenants_are_counted_while_they_are_there()
    {
        var incubator = await client.AccreditIdAsync(Api.Platform("Incubator", "municipal", "120105", approvedOn: "2020-01-01"));
        var team = new { name = "团队", leaderName = "王", members = 3 };
        await (await client.PostJsonAsync($"/api/v1/platforms/{incubator}/tenants", new { team, admittedOn = "2025-01-01" })).JsonAsync(HttpStatusCode.Created);
        var leaving = await (await client.PostJsonAsync($"/api/v1/platforms/{incubator}/tenants",
            new { creditCode = factory.Enterprise(regionCode: "120105"), admittedOn = "2025-03-01" })).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/platforms/{incubator}/tenants/{leaving["id"]}/graduate", new { reason = "graduated", on = "2026-01-01" }))
            .JsonAsync(HttpStatusCode.OK);

        CountOf(await StatisticsAsync("metric=tenants&regionCode=120105&groupBy=region"), "120105").Should().Be(1);
        CountOf(await StatisticsAsync("metric=tenants&regionCode=120105&groupBy=region&asOf=2025-06-30"), "120105").Should().Be(2);
        CountOf(await StatisticsAsync("metric=tenants&regionCode=120105&groupBy=region&asOf=2024-12-31"), "120105").Should().Be(0);
    }

    [Fact]
    public async Task Platforms_abroad_are_counted_on_their_own_when_asked()
    {
        await client.AccreditAsync(Api.Platform("Incubator", "municipal", "120106").With("locationAbroad", new { country = "SG" }));
        await client.AccreditAsync(Api.Platform("Incubator", "municipal", "120106"));

        (await StatisticsAsync("regionCode=120106&abroad=true"))["total"]!.GetValue<int>().Should().Be(1);
        (await StatisticsAsync("regionCode=120106&abroad=false"))["total"]!.GetValue<int>().Should().Be(1);
        (await StatisticsAsync("regionCode=120106"))["total"]!.GetValue<int>().Should().Be(2);
    }

    [Theory]
    [InlineData("metric=granted", "metric")]
    [InlineData("type=Spaceport", "type")]
    [InlineData("level=provincial", "level")]
    [InlineData("groupBy=colour", "groupBy")]
    [InlineData("groupBy=type,type", "groupBy")]
    [InlineData("regionCode=9", "regionCode")]
    [InlineData("asOf=yesterday", "asOf")]
    public async Task A_bad_statistics_parameter_is_a_400_naming_it(string query, string parameter)
    {
        var problem = await (await anonymous.GetAsync($"/api/v1/platforms/statistics?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(parameter).Should().NotBeEmpty();
    }
}
