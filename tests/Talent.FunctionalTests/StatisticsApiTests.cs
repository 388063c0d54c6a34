using System.Net;
using System.Text.Json.Nodes;

namespace Talent.FunctionalTests;

/// <summary>
/// The public statistics over a register of its own: 7 Chinese and 3 foreign people recognised in
/// Binhai, 3 in Jinghai, 5 in Heping, one of them twice; commissioners in Jinghai.
/// </summary>
public sealed class StatisticsRegister : TalentApiFactory, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var clerk = CreateClient();
        async Task RecogniseAsync(string region, int count, string? nationality = null)
        {
            for (var i = 0; i < count; i++)
            {
                var id = await clerk.RegisterIdAsync(region, nationality);
                await clerk.RecognizeAsync(id, "HaiheTalentUpgraded", 2024, "高端人才");
                if (region == "120101" && i == 0)
                {
                    await clerk.RecognizeAsync(id, "HaiheTalentUpgraded", 2025, "领军人才");
                }
            }
        }

        await RecogniseAsync("120116", 7);
        await RecogniseAsync("120116", 2, "US");
        await RecogniseAsync("120116", 1, "JP");
        await RecogniseAsync("120118", 3);
        await RecogniseAsync("120101", 5);
        var enterprise = await KnownEnterpriseAsync("120118");
        for (var i = 0; i < 6; i++)
        {
            var id = await clerk.RegisterIdAsync();
            var assignment = await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, enterprise, "2025-01-01", "2026-12-31")))
                .JsonAsync(HttpStatusCode.Created);
            await (await clerk.PostJsonAsync($"/api/v1/commissioners/{assignment["id"]}/appraisals", new { year = 2025, grade = i < 2 ? "excellent" : "good" }))
                .JsonAsync(HttpStatusCode.Created);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public class StatisticsApiTests(StatisticsRegister register) : IClassFixture<StatisticsRegister>
{
    private readonly HttpClient anonymous = register.ClientWith(null);

    private async Task<Dictionary<string, JsonNode>> RowsAsync(string query)
    {
        var statistics = await (await anonymous.GetAsync($"/api/v1/talents/statistics?{query}")).JsonAsync(HttpStatusCode.OK);
        statistics["threshold"]!.GetValue<int>().Should().Be(5);
        var rows = statistics["rows"]!.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>(), r => r!);
        rows.Values.Select(r => r["count"]?.GetValue<int>()).OfType<int>().Should().OnlyContain(c => c == 0 || c >= 5, "no published cell counts 1 to 4 people");
        rows.Values.Should().OnlyContain(r => (r["count"] == null) == r["suppressed"]!.GetValue<bool>());
        return rows;
    }

    [Fact]
    public async Task Per_district_a_small_cell_is_suppressed_and_so_is_the_one_that_would_give_it_back()
    {
        var rows = await RowsAsync("programme=HaiheTalentUpgraded&groupBy=region");

        rows["120000"]["count"]!.GetValue<int>().Should().Be(18, "each person counts once, however many recognitions they hold");
        rows["120116"]["count"]!.GetValue<int>().Should().Be(10);
        rows["120118"]["suppressed"]!.GetValue<bool>().Should().BeTrue("3 people");
        rows["120101"]["suppressed"]!.GetValue<bool>().Should().BeTrue("18 − 10 would give Jinghai's 3 back with Heping's 5 shown");
        rows["120119"]["count"]!.GetValue<int>().Should().Be(0);
        rows.Keys.Should().NotContain("12Z01", "zones overlap districts; their differences would be unsuppressed small groups");
    }

    [Fact]
    public async Task Per_nationality_small_nationalities_are_merged_and_still_never_shown_below_five()
    {
        var rows = await RowsAsync("programme=HaiheTalentUpgraded&groupBy=nationality");

        rows["total"]["count"]!.GetValue<int>().Should().Be(18);
        rows.Keys.Should().BeEquivalentTo(["total", "CN", "other"], "the United States (2) and Japan (1) go together into other");
        rows["other"]["suppressed"]!.GetValue<bool>().Should().BeTrue("3 foreign people");
        rows["CN"]["suppressed"]!.GetValue<bool>().Should().BeTrue("18 − CN would give the foreign 3 back");
    }

    [Fact]
    public async Task A_year_filter_counts_the_recognitions_of_that_year()
    {
        var rows = await RowsAsync("programme=HaiheTalentUpgraded&year=2025");

        rows["120000"]["suppressed"]!.GetValue<bool>().Should().BeTrue("one person was recognised in 2025");
        rows["120101"]["suppressed"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Commissioners_serving_and_those_appraised_excellent_are_counted_the_same_way()
    {
        var serving = await RowsAsync("metric=commissioners");
        var excellent = await RowsAsync("metric=excellentCommissioners&year=2025");
        var before = await RowsAsync("metric=commissioners&asOf=2024-12-31");

        serving["120118"]["count"]!.GetValue<int>().Should().Be(6);
        serving["120000"]["count"]!.GetValue<int>().Should().Be(6);
        excellent["120118"]["suppressed"]!.GetValue<bool>().Should().BeTrue("two were appraised excellent");
        before["120000"]["count"]!.GetValue<int>().Should().Be(0);
    }

    [Theory]
    [InlineData("metric=everyone", "metric")]
    [InlineData("groupBy=gender", "groupBy")]
    [InlineData("metric=commissioners&programme=HaiheTalent", "programme")]
    [InlineData("metric=commissioners&year=2025", "year")]
    [InlineData("metric=excellentCommissioners&asOf=2025-01-01", "asOf")]
    [InlineData("programme=Unknown", "programme")]
    public async Task A_bad_parameter_is_a_400(string query, string parameter)
    {
        (await (await anonymous.GetAsync($"/api/v1/talents/statistics?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter"))
            .ErrorsFor(parameter).Should().NotBeEmpty();
    }
}
