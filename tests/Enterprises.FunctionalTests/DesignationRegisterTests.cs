using System.Net;
using System.Text.Json.Nodes;

namespace Enterprises.FunctionalTests;

/// <summary>A register with designations of every kind and status, created once for the register-wide list.</summary>
public sealed class DesignationRegisterFactory : EnterprisesApiFactory, IAsyncLifetime
{
    public string BinhaiZone { get; private set; } = "";
    public string Dongli { get; private set; } = "";
    public long ListedId { get; private set; }

    public async Task InitializeAsync()
    {
        var client = CreateClient();
        BinhaiZone = await client.CreateEnterpriseAsync("120116", "12Z01");
        Dongli = await client.CreateEnterpriseAsync("120110", null);
        await client.DesignateAsync(BinhaiZone, "ListingReserve", "2020-03-01");
        ListedId = (await client.DesignateAsync(BinhaiZone, "Listed", "2022-08-18", "star"))["id"]!.GetValue<long>();
        await client.DesignateAsync(Dongli, "PotentialUnicorn", "2023-06-01");
        var unicorn = await client.DesignateAsync(Dongli, "Unicorn", "2024-06-01");
        await (await client.PostJsonAsync($"/api/v1/enterprises/{Dongli}/designations/{unicorn["id"]}/withdraw", new { reason = "误录" }))
            .JsonAsync(HttpStatusCode.OK);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>GET /api/v1/designations, which the Plans service reads to rebuild its copy of the register.</summary>
public class DesignationRegisterTests(DesignationRegisterFactory factory) : IClassFixture<DesignationRegisterFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<JsonArray> ItemsAsync(string query = "")
    {
        var page = await (await client.GetAsync($"/api/v1/designations?pageSize=500&{query}")).JsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray();
    }

    [Fact]
    public async Task Every_designation_is_listed_with_the_place_of_its_enterprise_and_no_more()
    {
        var items = await ItemsAsync();

        items.Select(i => i!["kind"]!.GetValue<string>()).Should().Equal("ListingReserve", "Listed", "PotentialUnicorn", "Unicorn");
        var listed = items[1]!;
        listed.AsObject().Select(p => p.Key).Should().Equal("id", "creditCode", "regionCode", "zoneCode", "kind", "board", "since", "endedOn", "withdrawn");
        listed["id"]!.GetValue<long>().Should().Be(factory.ListedId);
        listed["creditCode"]!.GetValue<string>().Should().Be(factory.BinhaiZone);
        listed["regionCode"]!.GetValue<string>().Should().Be("120116");
        listed["zoneCode"]!.GetValue<string>().Should().Be("12Z01");
        listed["board"]!.GetValue<string>().Should().Be("star");
        listed["since"]!.GetValue<string>().Should().Be("2022-08-18");
        listed["endedOn"].Should().BeNull();
        listed["withdrawn"]!.GetValue<bool>().Should().BeFalse();
        items[0]!["endedOn"]!.GetValue<string>().Should().Be("2022-08-18", "listing ended the reserve designation");
        items[2]!["endedOn"]!.GetValue<string>().Should().Be("2024-06-01", "the unicorn ended the potential unicorn designation");
        items[3]!["withdrawn"]!.GetValue<bool>().Should().BeTrue();
        items[3]!["zoneCode"].Should().BeNull();
        items[3]!["regionCode"]!.GetValue<string>().Should().Be("120110");
    }

    [Fact]
    public async Task Filters_by_kind_and_status_and_pages()
    {
        (await ItemsAsync("kind=Listed")).Select(i => i!["id"]!.GetValue<long>()).Should().Equal(factory.ListedId);
        (await ItemsAsync("status=current")).Select(i => i!["kind"]!.GetValue<string>()).Should().Equal("Listed");
        (await ItemsAsync("status=ended")).Select(i => i!["kind"]!.GetValue<string>()).Should().Equal("ListingReserve", "PotentialUnicorn");
        (await ItemsAsync("status=withdrawn&kind=unicorn")).Should().ContainSingle();
        (await ItemsAsync("kind=Unicorn&status=current")).Should().BeEmpty();
        var page = await (await client.GetAsync("/api/v1/designations?page=2&pageSize=3&sort=-id")).JsonAsync(HttpStatusCode.OK);
        page["items"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>()).Should().Equal("ListingReserve");
        page["totalCount"]!.GetValue<int>().Should().Be(4);
    }

    [Theory]
    [InlineData("kind=Dragon", "kind")]
    [InlineData("kind=0", "kind")]
    [InlineData("status=lapsed", "status")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("sort=revenue", "sort")]
    [InlineData("kind=%00", "kind")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string parameter)
    {
        var problem = await (await client.GetAsync($"/api/v1/designations?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(parameter).Should().NotBeEmpty();
    }
}
