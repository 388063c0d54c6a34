using System.Net;
using System.Text.Json.Nodes;

namespace TestSupport;

/// <summary>The checks every list that pages by keyset cursor is held to: a walk, the count, refused cursors.</summary>
public static class CursorPaging
{
    /// <summary>
    /// Follows nextCursor from <paramref name="url"/> to the last page, checking each page's Link header (rel="next", this
    /// path with the cursor) and that no count was made; the items of every page, in order.
    /// </summary>
    public static async Task<List<JsonNode>> WalkAsync(this HttpClient client, string url)
    {
        var items = new List<JsonNode>();
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var path = url.Split('?')[0];
        string? cursor = null;
        for (var pages = 0; pages < 200; pages++)
        {
            var response = await client.GetAsync(cursor is null ? url : $"{url}{separator}cursor={Uri.EscapeDataString(cursor)}");
            var page = await response.JsonAsync(HttpStatusCode.OK);
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            page["totalCount"].Should().BeNull("no count was asked for");
            cursor = page["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                response.Headers.Contains("Link").Should().BeFalse("the last page has no next");
                return items;
            }

            page["items"]!.AsArray().Should().NotBeEmpty();
            var link = response.Headers.GetValues("Link").Should().ContainSingle().Subject;
            link.Should().StartWith($"<{path}?").And.EndWith(">; rel=\"next\"").And.Contain($"cursor={Uri.EscapeDataString(cursor)}");
        }

        throw new InvalidOperationException("The walk did not end.");
    }

    /// <summary>The list at <paramref name="url"/> (pageSize=500, by number), the order a walk must give.</summary>
    public static async Task<List<JsonNode>> AllAsync(this HttpClient client, string url)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var page = await (await client.GetAsync($"{url}{separator}pageSize=500")).JsonAsync(HttpStatusCode.OK);
        page["nextCursor"].Should().BeNull("the whole list fits on one page");
        return page["items"]!.AsArray().Select(i => i!).ToList();
    }

    /// <summary>Walks <paramref name="url"/> by cursor with <paramref name="pageSize"/> and checks it gives the whole list once, in order.</summary>
    public static async Task<List<string>> WalksEveryItemOnceAsync(this HttpClient client, string url, string key, int pageSize = 2)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var expected = (await client.AllAsync(url)).Select(i => i[key]!.ToString()).ToList();
        var walked = (await client.WalkAsync($"{url}{separator}pageSize={pageSize}")).Select(i => i[key]!.ToString()).ToList();
        walked.Should().Equal(expected, "a walk by cursor gives {0} in the order of the list", url);
        walked.Should().OnlyHaveUniqueItems();
        return walked;
    }

    /// <summary>The first page's nextCursor.</summary>
    public static async Task<string> FirstCursorAsync(this HttpClient client, string url) =>
        (await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK))["nextCursor"]!.GetValue<string>();

    /// <summary>
    /// The cursor of <paramref name="list"/> (with <paramref name="filters"/>, pageSize=1) is refused with a 400 naming
    /// <c>cursor</c> when it is malformed, cut, altered, sent with <paramref name="otherFilters"/> (a list with filters) or
    /// <paramref name="otherSort"/>, or with page; and taken as it is.
    /// </summary>
    public static async Task RefusesBadCursorsAsync(this HttpClient client, string list, string filters, string? otherFilters, string otherSort)
    {
        var cursor = await client.FirstCursorAsync($"{list}?{filters}&pageSize=1");
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        var altered = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];
        List<string> refused =
        [
            $"{filters}&cursor=abc",
            $"{filters}&cursor=...",
            $"{filters}&cursor=%E5%A4%A9.%E6%B4%A5",
            $"{filters}&cursor={Uri.EscapeDataString(altered)}",
            $"{filters}&cursor={Uri.EscapeDataString(cursor[..dot])}",
            $"{filters}&cursor={Uri.EscapeDataString(cursor[..^2])}",
            $"{filters}&sort={otherSort}&cursor={Uri.EscapeDataString(cursor)}",
            $"{filters}&page=2&cursor={Uri.EscapeDataString(cursor)}",
            $"{filters}&cursor={new string('A', 257)}",
        ];
        if (otherFilters is not null)
        {
            refused.Add($"{otherFilters}&cursor={Uri.EscapeDataString(cursor)}");
        }

        foreach (var query in refused)
        {
            var problem = await (await client.GetAsync($"{list}?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
            problem.ErrorsFor("cursor").Concat(problem.ErrorsFor("Cursor")).Should().NotBeEmpty(query);
        }

        (await client.GetAsync($"{list}?{filters}&pageSize=1&cursor={Uri.EscapeDataString(cursor)}"))
            .StatusCode.Should().Be(HttpStatusCode.OK, "the cursor itself is good");
    }

    /// <summary>
    /// count=true gives <paramref name="expected"/> as totalCount on the first page and on a page reached by cursor; a first
    /// page asked without page and without count carries none; a page asked by number carries it unless count=false.
    /// </summary>
    public static async Task CountsWhenAskedAsync(this HttpClient client, string url, int expected)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var counted = await (await client.GetAsync($"{url}{separator}pageSize=1&count=true")).JsonAsync(HttpStatusCode.OK);
        counted["totalCount"]!.GetValue<int>().Should().Be(expected);
        if (expected > 1)
        {
            var next = Uri.EscapeDataString(counted["nextCursor"]!.GetValue<string>());
            var byCursor = await (await client.GetAsync($"{url}{separator}pageSize=1&count=true&cursor={next}")).JsonAsync(HttpStatusCode.OK);
            byCursor["totalCount"]!.GetValue<int>().Should().Be(expected, "the count is of every match, not of what follows the cursor");
            byCursor["page"].Should().BeNull("a page reached by cursor has no number");
            var uncounted = await (await client.GetAsync($"{url}{separator}pageSize=1&cursor={next}")).JsonAsync(HttpStatusCode.OK);
            uncounted["totalCount"].Should().BeNull();
        }

        (await (await client.GetAsync($"{url}{separator}pageSize=1")).JsonAsync(HttpStatusCode.OK))["totalCount"].Should().BeNull();
        var numbered = await (await client.GetAsync($"{url}{separator}page=1&pageSize=1")).JsonAsync(HttpStatusCode.OK);
        numbered["totalCount"]!.GetValue<int>().Should().Be(expected, "a page asked by number keeps its count");
        numbered["page"]!.GetValue<int>().Should().Be(1);
        (await (await client.GetAsync($"{url}{separator}page=1&count=false")).JsonAsync(HttpStatusCode.OK))["totalCount"].Should().BeNull();
    }
}
