using System.Net;

namespace Plans.FunctionalTests;

public class RegionsApiTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Lists_Tianjin_and_its_16_districts_by_current_GB_T_2260_code()
    {
        var regions = await (await client.GetAsync("/api/v1/regions")).JsonAsync(HttpStatusCode.OK);

        var items = regions["items"]!.AsArray();
        var tianjin = items.Single(r => r!["code"]!.GetValue<string>() == "120000")!;
        tianjin["kind"]!.GetValue<string>().Should().Be("municipality");
        tianjin["parentCode"].Should().BeNull();
        var districts = items.Where(r => r!["kind"]!.GetValue<string>() == "district").ToList();
        districts.Select(d => d!["code"]!.GetValue<string>()).Should().BeEquivalentTo(
            "120101", "120102", "120103", "120104", "120105", "120106", "120110", "120111", "120112", "120113",
            "120114", "120115", "120116", "120117", "120118", "120119");
        districts.Should().OnlyContain(d => d!["parentCode"]!.GetValue<string>() == "120000");
        items.Single(r => r!["code"]!.GetValue<string>() == "120118")!["name"]!.GetValue<string>().Should().Be("静海区");
    }

    [Fact]
    public async Task Functional_zones_are_their_own_branch()
    {
        var zones = await (await client.GetAsync("/api/v1/regions?kind=functionalZone")).JsonAsync(HttpStatusCode.OK);

        var binhai = zones["items"]!.AsArray().Single(z => z!["code"]!.GetValue<string>() == "12Z01")!;
        binhai["name"]!.GetValue<string>().Should().Be("天津滨海高新技术产业开发区");
        binhai["nameEn"]!.GetValue<string>().Should().Contain("Binhai High-tech");
    }

    [Fact]
    public async Task An_unknown_region_is_404_and_an_unknown_kind_400()
    {
        await (await client.GetAsync("/api/v1/regions/999999")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.GetAsync("/api/v1/regions?kind=province")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }
}
