using System.Net;

namespace Talent.FunctionalTests;

/// <summary>
/// A register of its own for the cursor tests: seven people sharing two names, four in Jinghai, each recognized once (two
/// years: ties); three teams formed on two days; three commissioner assignments starting on two days.
/// </summary>
public sealed class CursorRegisterFactory : TalentApiFactory, IAsyncLifetime
{
    public List<Guid> People { get; } = [];

    public List<Guid> Jinghai { get; } = [];

    public async Task InitializeAsync()
    {
        var client = CreateClient();
        for (var i = 0; i < 7; i++)
        {
            var region = i < 4 ? "120118" : "120110";
            var id = (await client.RegisterAsync(Api.Person(regionCode: region, name: i % 2 == 0 ? "游标甲" : "游标乙")))["id"]!.GetValue<Guid>();
            People.Add(id);
            if (region == "120118")
            {
                Jinghai.Add(id);
            }

            await client.RecognizeAsync(id, year: i % 2 == 0 ? 2023 : 2024);
        }

        var host = await KnownEnterpriseAsync();
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync("/api/v1/teams", Teams.Body(People[i], [People[i + 3]], host, formedOn: i == 1 ? "2025-07-01" : "2025-06-01")))
                .JsonAsync(HttpStatusCode.Created);
            await (await client.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(People[i], host, i == 1 ? "2026-02-01" : "2026-01-01")))
                .JsonAsync(HttpStatusCode.Created);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>Keyset pages of the talent, recognition, team and commissioner lists: nextCursor, the Link header, count=true.</summary>
public class CursorPagingTests(CursorRegisterFactory factory) : IClassFixture<CursorRegisterFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static IEnumerable<string> Ordered(IEnumerable<Guid> ids) => ids.Select(i => i.ToString()).Order(StringComparer.Ordinal);

    [Fact]
    public async Task A_cursor_walk_lists_every_person_once_in_id_order()
    {
        (await client.WalksEveryItemOnceAsync("/api/v1/talents", "id")).Should().Equal(Ordered(factory.People));
        (await client.WalksEveryItemOnceAsync("/api/v1/talents?regionCode=120118", "id", 3)).Should().Equal(Ordered(factory.Jinghai));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-name,regionCode")]
    [InlineData("-createdAt")]
    [InlineData("regionCode,-id")]
    public async Task A_cursor_walk_with_ties_in_the_sort_lists_every_person_once_in_order(string sort) =>
        (await client.WalksEveryItemOnceAsync($"/api/v1/talents?sort={sort}&q=游标", "id")).Should().BeEquivalentTo(Ordered(factory.People));

    [Fact]
    public async Task Recognitions_teams_and_commissioners_page_by_cursor()
    {
        (await client.WalksEveryItemOnceAsync("/api/v1/talents/recognitions?sort=-year,programme", "id")).Should().HaveCount(7);
        (await client.WalksEveryItemOnceAsync("/api/v1/talents/recognitions?regionCode=120118&year=2023", "id", 1)).Should().HaveCount(2);
        (await client.WalksEveryItemOnceAsync($"/api/v1/talents/{factory.People[0]}/recognitions", "id", 1)).Should().ContainSingle();
        (await client.WalksEveryItemOnceAsync("/api/v1/teams?sort=formedOn", "id", 1)).Should().HaveCount(3);
        (await client.WalksEveryItemOnceAsync("/api/v1/teams?status=active&sort=-name", "id", 1)).Should().HaveCount(3);
        (await client.WalksEveryItemOnceAsync("/api/v1/commissioners?sort=-startsOn", "id", 1)).Should().HaveCount(3);
        (await client.WalksEveryItemOnceAsync("/api/v1/commissioners?activeOn=2026-01-15", "id", 1)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Count_true_gives_the_count_and_without_it_none_is_made()
    {
        await client.CountsWhenAskedAsync("/api/v1/talents?regionCode=120118", 4);
        await client.CountsWhenAskedAsync("/api/v1/talents/recognitions?year=2024", 3);
        await client.CountsWhenAskedAsync("/api/v1/teams", 3);
        await client.CountsWhenAskedAsync("/api/v1/commissioners", 3);
    }

    [Fact]
    public async Task Malformed_forged_and_foreign_cursors_are_400_naming_the_cursor()
    {
        await client.RefusesBadCursorsAsync("/api/v1/talents", "regionCode=120118", "regionCode=120110", "name");
        await client.RefusesBadCursorsAsync("/api/v1/talents", "q=游标", "q=游标甲", "-id");
        await client.RefusesBadCursorsAsync("/api/v1/talents/recognitions", "year=2023", "year=2024", "year");
        await client.RefusesBadCursorsAsync("/api/v1/teams", "status=active", "status=disbanded", "name");
        await client.RefusesBadCursorsAsync("/api/v1/commissioners", "activeOn=2026-01-15", "activeOn=2026-01-16", "startsOn");
    }
}
