using System.Net;
using System.Text.Json.Nodes;

namespace Enterprises.FunctionalTests;

/// <summary>Keyset pages of an enterprise's qualifications, designations and annual reports, of the designation register, and sorts spelt many ways.</summary>
public class CursorListsTests(CursorRegisterFactory factory) : IClassFixture<CursorRegisterFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private string First => factory.Enterprises[0].Code;

    [Theory]
    [InlineData("qualifications", "id", "")]
    [InlineData("qualifications", "id", "sort=-grantedOn")]
    [InlineData("annual-reports", "year", "")]
    [InlineData("annual-reports", "year", "sort=revenueWan")]
    [InlineData("annual-reports", "year", "sort=-updatedAt")]
    public async Task An_enterprises_lists_page_by_cursor(string list, string key, string query) =>
        (await client.WalksEveryItemOnceAsync($"/api/v1/enterprises/{First}/{list}?{query}", key, 1)).Should().HaveCountGreaterThan(1);

    [Fact]
    public async Task Annual_reports_walk_newest_first_and_ties_in_year_order()
    {
        (await client.WalksEveryItemOnceAsync($"/api/v1/enterprises/{First}/annual-reports", "year", 1)).Should().Equal("2024", "2023", "2022", "2021");
        (await client.WalksEveryItemOnceAsync($"/api/v1/enterprises/{First}/annual-reports?sort=-revenueWan", "year", 1))
            .Should().Equal("2021", "2023", "2022", "2024");
    }

    [Fact]
    public async Task Designations_page_by_cursor()
    {
        var walked = await client.WalksEveryItemOnceAsync("/api/v1/designations?sort=-since", "id", 1);
        walked.Should().HaveCount(3);
        (await client.WalksEveryItemOnceAsync("/api/v1/designations?status=current", "id", 1)).Select(long.Parse).Should().BeInAscendingOrder();
        (await client.WalksEveryItemOnceAsync($"/api/v1/enterprises/{factory.Enterprises[1].Code}/designations", "id", 1)).Should().ContainSingle();
    }

    [Fact]
    public async Task Count_true_gives_the_count_and_without_it_none_is_made()
    {
        await client.CountsWhenAskedAsync($"/api/v1/enterprises/{First}/qualifications", 2);
        await client.CountsWhenAskedAsync($"/api/v1/enterprises/{First}/annual-reports", 4);
        await client.CountsWhenAskedAsync("/api/v1/designations", 3);
    }

    [Fact]
    public async Task Malformed_forged_and_foreign_cursors_are_400_naming_the_cursor()
    {
        await client.RefusesBadCursorsAsync($"/api/v1/enterprises/{First}/qualifications", "count=false", "status=valid", "grantedOn");
        await client.RefusesBadCursorsAsync($"/api/v1/enterprises/{First}/annual-reports", "count=false", null, "year");
        await client.RefusesBadCursorsAsync("/api/v1/designations", "status=current", "kind=Unicorn", "since");

        var cursor = await client.FirstCursorAsync($"/api/v1/enterprises/{First}/annual-reports?pageSize=1");
        await (await client.GetAsync($"/api/v1/enterprises/{factory.Enterprises[1].Code}/annual-reports?cursor={Uri.EscapeDataString(cursor)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        var designations = await client.FirstCursorAsync("/api/v1/designations?pageSize=1");
        var problem = await (await client.GetAsync($"/api/v1/designations?sort=kind&cursor={Uri.EscapeDataString(designations)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        problem.ErrorsFor("cursor").Should().ContainSingle().Which.Should().Contain("kind");
    }

    [Fact]
    public async Task A_sort_spelt_in_more_ways_than_are_kept_resolved_sorts_and_pages_alike_in_each()
    {
        var expected = (await client.WalkAsync("/api/v1/enterprises?pageSize=5&sort=-name,-regionCode")).Select(Code).ToList();
        string? cursor = null;
        for (var spaces = 1; spaces <= 80; spaces++)
        {
            var sort = Uri.EscapeDataString("-name," + new string(' ', spaces) + "-regionCode");
            var page = await (await client.GetAsync($"/api/v1/enterprises?pageSize=5&sort={sort}")).JsonAsync(HttpStatusCode.OK);
            page["items"]!.AsArray().Select(i => Code(i!)).Should().Equal(expected.Take(5), "the sort is -name,-regionCode however it is spelt");
            cursor = page["nextCursor"]!.GetValue<string>();
        }

        // The cursor of the last spelling, past those kept resolved, continues the list sorted as first spelt.
        var next = await (await client.GetAsync($"/api/v1/enterprises?pageSize=5&sort=-name,-regionCode&cursor={Uri.EscapeDataString(cursor!)}"))
            .JsonAsync(HttpStatusCode.OK);
        next["items"]!.AsArray().Select(i => Code(i!)).Should().Equal(expected.Skip(5).Take(5));
        await (await client.GetAsync("/api/v1/enterprises?sort=-name,%20-name")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    private static string Code(JsonNode item) => item["creditCode"]!.GetValue<string>();
}
