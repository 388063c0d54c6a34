using System.Net;

namespace Platforms.FunctionalTests;

/// <summary>
/// A register of its own for the cursor tests: nine platforms, six in Jinghai, on three approval dates and two levels (ties in
/// every sort but the id); five tenants of one incubator, one of them gone; revocation proposals for three platforms.
/// </summary>
public sealed class CursorRegisterFactory : PlatformsApiFactory, IAsyncLifetime
{
    public List<string> Platforms { get; } = [];

    public List<string> Jinghai { get; } = [];

    public string Incubator { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var client = CreateClient();
        string[] approved = ["2019-03-18", "2021-07-01", "2023-11-30"];
        for (var i = 0; i < 9; i++)
        {
            var region = i < 6 ? "120118" : "120110";
            var id = await client.AccreditIdAsync(Api.Platform("Incubator", i % 2 == 0 ? "municipal" : "national", region,
                name: Api.UniqueName("天津市游标孵化器"), approvedOn: approved[i % 3]));
            Platforms.Add(id);
            if (region == "120118")
            {
                Jinghai.Add(id);
            }
        }

        Incubator = Platforms[0];
        for (var i = 0; i < 5; i++)
        {
            var tenant = await (await client.PostJsonAsync($"/api/v1/platforms/{Incubator}/tenants",
                new { team = new { name = $"游标团队{i}", leaderName = "李", members = 2 }, admittedOn = i % 2 == 0 ? "2025-03-01" : "2025-06-01" }))
                .JsonAsync(HttpStatusCode.Created);
            if (i == 2)
            {
                await (await client.PostJsonAsync($"/api/v1/platforms/{Incubator}/tenants/{tenant["id"]}/graduate", new { reason = "left", on = "2026-01-01" }))
                    .JsonAsync(HttpStatusCode.OK);
            }
        }

        foreach (var id in Platforms.Skip(6))
        {
            await (await client.EvaluateAsync(id, 2024, "D", evaluatedOn: "2025-03-10")).JsonAsync(HttpStatusCode.Created);
            await (await client.EvaluateAsync(id, 2025, "D", evaluatedOn: "2026-03-01")).JsonAsync(HttpStatusCode.Created);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>Keyset pages of the platform, tenant and revocation proposal lists: nextCursor, the Link header, count=true.</summary>
public class CursorPagingTests(CursorRegisterFactory factory) : IClassFixture<CursorRegisterFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_cursor_walk_lists_every_platform_once_in_id_order()
    {
        var walked = await client.WalksEveryItemOnceAsync("/api/v1/platforms", "id");

        // The test clock stands still, so the ids share their time and differ in their random part.
        walked.Should().Equal(factory.Platforms.Order(StringComparer.Ordinal), "ids are in their order as text on both databases");
    }

    [Theory]
    [InlineData("-approvedOn")]
    [InlineData("approvedOn,-id")]
    [InlineData("name")]
    [InlineData("-regionCode,approvedOn")]
    [InlineData("type,-updatedAt")]
    public async Task A_cursor_walk_with_ties_in_the_sort_lists_every_platform_once_in_order(string sort)
    {
        var walked = await client.WalksEveryItemOnceAsync($"/api/v1/platforms?sort={sort}", "id");

        walked.Should().BeEquivalentTo(factory.Platforms);
    }

    [Fact]
    public async Task Filtered_lists_page_by_cursor()
    {
        (await client.WalksEveryItemOnceAsync("/api/v1/platforms?regionCode=120118", "id")).Should()
            .Equal(factory.Jinghai.Order(StringComparer.Ordinal));
        (await client.WalksEveryItemOnceAsync("/api/v1/platforms?level=national&q=游标", "id"))
            .Should().Equal(factory.Platforms.Where((_, i) => i % 2 == 1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_sort_by_level_or_status_pages_by_number_only()
    {
        var page = await (await client.GetAsync("/api/v1/platforms?sort=level&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        page["nextCursor"].Should().BeNull();

        var cursor = await client.FirstCursorAsync("/api/v1/platforms?pageSize=2");
        var problem = await (await client.GetAsync($"/api/v1/platforms?sort=status&cursor={Uri.EscapeDataString(cursor)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        problem.ErrorsFor("cursor").Should().ContainSingle().Which.Should().Contain("status");
    }

    [Fact]
    public async Task Tenant_lists_page_by_cursor_in_id_order()
    {
        var walked = await client.WalksEveryItemOnceAsync($"/api/v1/platforms/{factory.Incubator}/tenants", "id");
        walked.Select(long.Parse).Should().BeInAscendingOrder().And.HaveCount(5);
        (await client.WalksEveryItemOnceAsync($"/api/v1/platforms/{factory.Incubator}/tenants?active=true&sort=-admittedOn", "id"))
            .Should().HaveCount(4);
        (await client.WalksEveryItemOnceAsync("/api/v1/tenants?sort=admittedOn", "id")).Should().BeEquivalentTo(walked);
    }

    [Fact]
    public async Task Revocation_proposals_page_by_cursor()
    {
        var walked = await client.WalkAsync("/api/v1/platforms/revocation-proposals?status=pending&pageSize=1");

        walked.Select(p => p["platformId"]!.GetValue<string>()).Should().BeEquivalentTo(factory.Platforms.Skip(6));
        walked.Select(p => p["id"]!.GetValue<long>()).Should().BeInAscendingOrder();
        (await client.WalksEveryItemOnceAsync("/api/v1/platforms/revocation-proposals?regionCode=120110&sort=-proposedOn", "id", 1))
            .Should().HaveCount(3);
    }

    [Fact]
    public async Task Count_true_gives_the_count_and_without_it_none_is_made()
    {
        await client.CountsWhenAskedAsync("/api/v1/platforms?regionCode=120118", 6);
        await client.CountsWhenAskedAsync($"/api/v1/platforms/{factory.Incubator}/tenants?active=true", 4);
        await client.CountsWhenAskedAsync("/api/v1/tenants", 5);
        await client.CountsWhenAskedAsync("/api/v1/platforms/revocation-proposals", 3);
    }

    [Fact]
    public async Task Malformed_forged_and_foreign_cursors_are_400_naming_the_cursor()
    {
        await client.RefusesBadCursorsAsync("/api/v1/platforms", "regionCode=120118", "regionCode=120110", "name");
        await client.RefusesBadCursorsAsync("/api/v1/platforms", "abroad=false", "abroad=true", "-id");
        await client.RefusesBadCursorsAsync($"/api/v1/platforms/{factory.Incubator}/tenants", "active=true", "active=false", "admittedOn");
        await client.RefusesBadCursorsAsync("/api/v1/tenants", "active=true", "sort=id", "-admittedOn");
        await client.RefusesBadCursorsAsync("/api/v1/platforms/revocation-proposals", "status=pending", "status=revoked", "proposedOn");

        var other = factory.Platforms[1];
        var cursor = await client.FirstCursorAsync($"/api/v1/platforms/{factory.Incubator}/tenants?pageSize=1");
        await (await client.GetAsync($"/api/v1/platforms/{other}/tenants?cursor={Uri.EscapeDataString(cursor)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }
}
