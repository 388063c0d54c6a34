using System.Net;
using System.Text.Json.Nodes;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>The pool paged by keyset cursor over a district of its own: 7 enterprises missing 0, 1 or 2 criteria.</summary>
public class CultivationPoolCursorTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>, IAsyncLifetime
{
    private const string Pool = "/api/v1/enterprises/cultivation-pool?regionCode=120111&maxMissing=3";
    private readonly HttpClient client = factory.CreateClient();

    public async Task InitializeAsync()
    {
        if ((await client.GetAsync($"{Pool}&count=true").Result.JsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>() > 0)
        {
            return;
        }

        int[][] reports = [[2023, 2024, 2025], [2023, 2025], [2024, 2025], [2023, 2024, 2025], [2025], [2023, 2024, 2025], [2023, 2025]];
        foreach (var years in reports)
        {
            await CultivationPoolUpkeepTests.EnterpriseAsync(client, "120111", null, years);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static string[] Codes(JsonNode page) => page["items"]!.AsArray().Select(i => i!["creditCode"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Cursor_pages_walk_the_whole_pool_once_in_its_order()
    {
        var whole = await (await client.GetAsync($"{Pool}&pageSize=500")).JsonAsync(HttpStatusCode.OK);
        whole["nextCursor"].Should().BeNull();
        whole["items"]!.AsArray().Select(i => i!["missingCount"]!.GetValue<int>()).Should().BeInAscendingOrder().And.HaveCount(7);

        var walked = new List<string>();
        var response = await client.GetAsync($"{Pool}&pageSize=2");
        var first = await response.JsonAsync(HttpStatusCode.OK);
        first["totalCount"].Should().BeNull("a first page asked without page= counts only when asked: a count reads every candidate");
        walked.AddRange(Codes(first));
        var cursor = first["nextCursor"]!.GetValue<string>();
        response.Headers.GetValues("Link").Single().Should().Contain("cursor=").And.EndWith("rel=\"next\"");
        var pages = 1;
        while (cursor is not null)
        {
            response = await client.GetAsync($"{Pool}&pageSize=2&cursor={Uri.EscapeDataString(cursor)}");
            var page = await response.JsonAsync(HttpStatusCode.OK);
            page["page"].Should().BeNull();
            page["totalCount"].Should().BeNull("a page reached by cursor counts only when asked");
            walked.AddRange(Codes(page));
            cursor = page["nextCursor"]?.GetValue<string>();
            response.Headers.Contains("Link").Should().Be(cursor is not null);
            pages++;
        }

        pages.Should().Be(4);
        walked.Should().Equal(Codes(whole));
    }

    [Fact]
    public async Task The_link_header_leads_to_the_next_page_with_the_same_filters()
    {
        var response = await client.GetAsync($"{Pool}&page=1&pageSize=3&count=false");
        var first = await response.JsonAsync(HttpStatusCode.OK);
        first["totalCount"].Should().BeNull("count=false");
        var link = response.Headers.GetValues("Link").Single();
        var next = link[1..link.IndexOf('>')];
        next.Should().Contain("regionCode=120111").And.NotContain("page=1");

        var second = await (await client.GetAsync(next)).JsonAsync(HttpStatusCode.OK);

        second["totalCount"].Should().BeNull();
        (await (await client.GetAsync(next.Replace("count=false", "count=true"))).JsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>().Should().Be(7);
        var numbered = await (await client.GetAsync($"{Pool}&page=2&pageSize=3")).JsonAsync(HttpStatusCode.OK);
        Codes(second).Should().Equal(Codes(numbered));
    }

    [Fact]
    public async Task A_cursor_that_was_altered_cut_or_sent_with_other_filters_is_400_naming_it()
    {
        var cursor = (await (await client.GetAsync($"{Pool}&pageSize=2")).JsonAsync(HttpStatusCode.OK))["nextCursor"]!.GetValue<string>();
        var altered = cursor[..5] + (cursor[5] == 'A' ? 'B' : 'A') + cursor[6..];
        string[] refused =
        [
            $"{Pool}&cursor={Uri.EscapeDataString(altered)}",
            $"{Pool}&cursor={Uri.EscapeDataString(cursor[..^3])}",
            $"{Pool}&cursor=not-a-cursor",
            $"{Pool}&cursor={new string('A', 300)}",
            $"/api/v1/enterprises/cultivation-pool?regionCode=120111&maxMissing=2&cursor={Uri.EscapeDataString(cursor)}",
            $"/api/v1/enterprises/cultivation-pool?regionCode=120000&maxMissing=3&cursor={Uri.EscapeDataString(cursor)}",
            $"{Pool}&year=2025&cursor={Uri.EscapeDataString(cursor)}",
            $"{Pool}&page=2&cursor={Uri.EscapeDataString(cursor)}",
        ];

        foreach (var url in refused)
        {
            var problem = await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
            problem.ErrorsFor("cursor").Should().NotBeEmpty(url);
        }
    }

    [Theory]
    [InlineData("count=maybe", "count")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=-1", "page")]
    public async Task Bad_paging_parameters_are_400_naming_them(string query, string field)
    {
        var problem = await (await client.GetAsync($"{Pool}&{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(field).Should().NotBeEmpty();
    }
}
