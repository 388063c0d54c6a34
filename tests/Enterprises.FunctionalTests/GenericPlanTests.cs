using System.Net;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>
/// Which reads are marked to run on PostgreSQL's generic plan (<c>QueryPlans</c>, whose own tests show the plan such a read
/// gets and that its setting ends with it): those whose best plan does not depend on their parameters.
/// </summary>
public class GenericPlanTests(CursorRegisterFactory factory) : IClassFixture<CursorRegisterFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static bool Marked(string sql) => sql.StartsWith("-- generic plan\n", StringComparison.Ordinal);

    /// <summary>
    /// A page by cursor in credit code order, filtered by a qualification, is marked to be read on PostgreSQL's generic plan
    /// (<c>QueryPlans</c>, whose tests show the plan it gets), since one plan serves every cursor and planning the join again
    /// for each cost more than running it. A first page, another sort, a name search (whose plan depends on its words) and a
    /// district's page are not.
    /// </summary>
    [Fact]
    public async Task A_page_by_cursor_filtered_by_qualification_alone_is_marked_for_a_generic_plan()
    {
        const string list = "/api/v1/enterprises?qualification=HighTech&pageSize=2";
        factory.Statements.Clear();
        var first = await (await client.GetAsync(list)).JsonAsync(HttpStatusCode.OK);
        factory.Statements.Should().NotContain(sql => Marked(sql), "a first page has no parameter to plan for");

        factory.Statements.Clear();
        var next = await (await client.GetAsync($"{list}&cursor={Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>())}"))
            .JsonAsync(HttpStatusCode.OK);
        next["items"]!.AsArray().Should().HaveCount(2);
        factory.Statements.Where(CursorPagingTests.HoldersIn).Should().ContainSingle().Which.Should().Match(sql => Marked(sql), "the page is read on a generic plan");

        var name = Uri.EscapeDataString(first["items"]![0]!["name"]!.GetValue<string>());
        foreach (var other in new[] { $"{list}&sort=name", $"{list}&q={name}", $"{list}&regionCode=120118" })
        {
            var cursor = await client.FirstCursorAsync(other);
            factory.Statements.Clear();
            (await (await client.GetAsync($"{other}&cursor={Uri.EscapeDataString(cursor)}")).JsonAsync(HttpStatusCode.OK))["items"]!
                .AsArray().Should().NotBeEmpty();
            factory.Statements.Should().NotContain(sql => Marked(sql), other);
        }
    }
}
