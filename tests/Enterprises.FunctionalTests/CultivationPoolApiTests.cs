using System.Net;
using System.Text.Json.Nodes;
using Enterprises.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>
/// A register for the pool tests, seeded once: in 滨海新区 (120116) 甲 meets every HighTech criterion,
/// 乙 is short on R&amp;D, 丙 on R&amp;D and staff, 丁 meets them but already holds HighTech, 戊 lacks its
/// 2023 report; in 东丽区 (120110) 己 meets every criterion, and so does 庚, in the zone 12Z02.
/// </summary>
public sealed class PoolRegisterFactory : EnterprisesWithStatements, IAsyncLifetime
{
    public Dictionary<string, string> Codes { get; } = [];

    public async Task InitializeAsync()
    {
        var client = CreateClient();
        await AddAsync(client, "甲", "120116", [2022, 2023, 2024]);
        await AddAsync(client, "乙", "120116", [2022, 2023, 2024], rdExpenseWan: 45m);
        await AddAsync(client, "丙", "120116", [2022, 2023, 2024], rdExpenseWan: 45m, rdStaff: 8);
        await AddAsync(client, "丁", "120116", [2022, 2023, 2024]);
        await AddAsync(client, "戊", "120116", [2022, 2024]);
        await AddAsync(client, "己", "120110", [2022, 2023, 2024]);
        await AddAsync(client, "庚", "120110", [2022, 2023, 2024], zone: "12Z02");
        await client.GrantAsync(Codes["丁"], "HighTech", "2025-06-01");
    }

    private async Task AddAsync(HttpClient client, string mark, string region, int[] years, decimal rdExpenseWan = 60m, int rdStaff = 30,
        string? zone = null)
    {
        var code = CreditCodes.New(region);
        await (await client.PostJsonAsync("/api/v1/enterprises", new
        {
            creditCode = code, name = $"天津{mark}科技有限公司", regionCode = region, zoneCode = zone, foundedOn = "2015-03-18",
        })).JsonAsync(HttpStatusCode.Created);
        foreach (var year in years)
        {
            await EligibilityApiTests.PutReportAsync(client, code, year, EligibilityApiTests.Year(rdExpenseWan, rdStaff));
        }

        Codes[mark] = code;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>GET /api/v1/enterprises/cultivation-pool over the register of <see cref="PoolRegisterFactory"/>.</summary>
public class CultivationPoolApiTests(PoolRegisterFactory factory) : IClassFixture<PoolRegisterFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<JsonNode> PoolAsync(string query) =>
        await (await client.GetAsync($"/api/v1/enterprises/cultivation-pool?{query}")).JsonAsync(HttpStatusCode.OK);

    private static string[] Names(JsonNode page) =>
        page["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>().Substring("天津".Length, 1)).ToArray();

    [Fact]
    public async Task Lists_those_missing_at_most_one_criterion_by_count_then_name()
    {
        var page = await PoolAsync("year=2025&regionCode=120116&count=true");

        Names(page).Should().Equal("甲", "乙", "戊");
        page["totalCount"]!.GetValue<int>().Should().Be(3);
        page["page"]!.GetValue<int>().Should().Be(1);
        page["pageSize"]!.GetValue<int>().Should().Be(50);
        page["maxMissing"]!.GetValue<int>().Should().Be(1);
        page["ruleSet"]!["id"]!.GetValue<string>().Should().Be("highTech-2016");
        page["items"]![0]!["missingCount"]!.GetValue<int>().Should().Be(0);
        page["items"]![0]!["creditCode"]!.GetValue<string>().Should().Be(factory.Codes["甲"]);
    }

    [Fact]
    public async Task A_missed_criterion_shows_figure_threshold_and_gap()
    {
        var page = await PoolAsync("year=2025&regionCode=120116");

        var yi = page["items"]!.AsArray().Single(i => i!["creditCode"]!.GetValue<string>() == factory.Codes["乙"])!;
        var missing = yi["missing"]!.AsArray().Should().ContainSingle().Subject!;
        missing["code"]!.GetValue<string>().Should().Be("highTech.rdIntensity");
        missing["passed"]!.GetValue<bool>().Should().BeFalse();
        missing["value"]!.GetValue<decimal>().Should().Be(4.5m);
        missing["threshold"]!["value"]!.GetValue<decimal>().Should().Be(5m);
        missing["shortBy"]!.GetValue<decimal>().Should().Be(0.5m);
        missing["shortByUnit"]!.GetValue<string>().Should().Be("%");
    }

    [Fact]
    public async Task An_undetermined_criterion_counts_as_missing_with_its_reason()
    {
        var page = await PoolAsync("year=2025&regionCode=120116");

        var wu = page["items"]!.AsArray().Single(i => i!["creditCode"]!.GetValue<string>() == factory.Codes["戊"])!;
        wu["verdict"]!.GetValue<string>().Should().Be("undetermined");
        wu["missingReports"]!.AsArray().Select(y => y!.GetValue<int>()).Should().Equal(2023);
        var missing = wu["missing"]!.AsArray().Should().ContainSingle().Subject!;
        missing["passed"].Should().BeNull();
        missing["note"]!.GetValue<string>().Should().Be("The annual report for 2023 is missing.");
    }

    [Fact]
    public async Task Max_missing_widens_or_narrows_the_pool_and_a_holder_of_HighTech_never_appears()
    {
        Names(await PoolAsync("year=2025&regionCode=120116&maxMissing=0")).Should().Equal("甲");
        Names(await PoolAsync("year=2025&regionCode=120116&maxMissing=2")).Should().Equal("甲", "乙", "戊", "丙");
        var all = await PoolAsync("year=2025&maxMissing=3");
        all["items"]!.Strings("creditCode").Should().NotContain(factory.Codes["丁"]).And.HaveCount(6);
    }

    [Fact]
    public async Task Region_filter_includes_the_regions_below()
    {
        Names(await PoolAsync("year=2025&regionCode=120000")).Should().Equal("己", "庚", "甲", "乙", "戊");
        Names(await PoolAsync("year=2025&regionCode=120110")).Should().Equal("己", "庚");
    }

    /// <summary>Every enterprise is registered in one of Tianjin's districts: Tianjin's pool is the whole pool, read as the whole pool is.</summary>
    [Fact]
    public async Task Tianjin_as_a_region_reads_the_whole_pool_with_no_condition_on_districts_or_zones()
    {
        factory.Reads.Clear();
        Names(await PoolAsync("year=2025&regionCode=120000")).Should().Equal("己", "庚", "甲", "乙", "戊");
        var tianjin = PoolReads();
        factory.Reads.Clear();
        Names(await PoolAsync("year=2025")).Should().Equal("己", "庚", "甲", "乙", "戊");

        tianjin.Should().NotBeEmpty().And.Equal(PoolReads(), "the same statements read Tianjin's pool and the whole pool");
    }

    private List<string> PoolReads() =>
        factory.Reads.Select(r => r.Text).Where(text => text.Contains("\"CultivationPool\"", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// A zone lists its own enterprises, read on PostgreSQL from the zone's index, which holds only the rows in a zone: a
    /// statement compiled once, its zone a parameter (a generic plan), must still find the index usable.
    /// </summary>
    [Fact]
    public async Task A_zone_lists_its_own_candidates_from_the_index_of_the_rows_in_a_zone()
    {
        Names(await PoolAsync("year=2025&regionCode=12Z02")).Should().Equal("庚");
        Names(await PoolAsync("year=2025&regionCode=12Z01")).Should().BeEmpty();
        if (EnterprisesApiFactory.PostgresServer is null)
        {
            return;
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SET LOCAL enable_seqscan = off;
            SET LOCAL plan_cache_mode = force_generic_plan;
            PREPARE zone_page(int, text) AS SELECT "CreditCode" FROM "CultivationPool" WHERE "Year" = $1 AND "ZoneCode" = $2
                ORDER BY "MissingCount", "Name", "CreditCode" LIMIT 51;
            """;
        await command.ExecuteNonQueryAsync();
        var plan = new List<string>();
        try
        {
            command.CommandText = "EXPLAIN EXECUTE zone_page(2025, '12Z02')";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }
        finally
        {
            // A prepared statement outlives the transaction, on a connection the pool keeps.
            command.CommandText = "DEALLOCATE zone_page";
            await command.ExecuteNonQueryAsync();
        }

        string.Join('\n', plan).Should().Contain("IX_CultivationPool_Year_ZoneCode_MissingCount_Name_CreditCode", "a zone's page is a range of its index");
    }

    [Fact]
    public async Task Candidates_missing_nothing_are_shown_from_their_rows_and_the_others_evaluated_again()
    {
        factory.Statements.Clear();
        var eligible = await PoolAsync("year=2025&regionCode=120110");

        Names(eligible).Should().Equal("己", "庚");
        eligible["items"]!.AsArray().Should().OnlyContain(i => i!["verdict"]!.GetValue<string>() == "eligible"
            && i["missingCount"]!.GetValue<int>() == 0 && i["missing"]!.AsArray().Count == 0 && i["missingReports"]!.AsArray().Count == 0);
        factory.Statements.Should().NotContain(s => s.Contains("\"AnnualReports\""), "a row that misses nothing needs no report to show");

        factory.Statements.Clear();
        await PoolAsync("year=2025&regionCode=120116");
        factory.Statements.Should().Contain(s => s.Contains("\"AnnualReports\""), "乙 and 戊 are evaluated again for what they miss");
    }

    [Fact]
    public async Task Pages_like_other_lists()
    {
        var page = await PoolAsync("year=2025&regionCode=120116&page=2&pageSize=1");

        Names(page).Should().Equal("乙");
        page["totalCount"]!.GetValue<int>().Should().Be(3);
        page["page"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task A_page_far_beyond_the_last_is_empty_not_the_first_page_again()
    {
        // (page − 1) × pageSize passes int.MaxValue here; wrapped, it would skip a negative count.
        var page = await PoolAsync("year=2025&regionCode=120116&page=2147483647&pageSize=50");

        page["items"]!.AsArray().Should().BeEmpty();
        page["totalCount"]!.GetValue<int>().Should().Be(3);
        page["page"]!.GetValue<int>().Should().Be(2147483647);
    }

    [Theory]
    [InlineData("year=2025&maxMissing=4", "maxMissing")]
    [InlineData("year=2025&maxMissing=-1", "maxMissing")]
    [InlineData("year=1999", "year")]
    [InlineData("year=2028", "year")]
    [InlineData("year=2025&regionCode=999999", "regionCode")]
    [InlineData("year=2025&sort=name", "sort")]
    [InlineData("year=2025&pageSize=501", "pageSize")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var problem = await (await client.GetAsync($"/api/v1/enterprises/cultivation-pool?{query}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(field).Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_year_before_the_HighTech_rules_is_400_like_any_year_the_pool_cannot_take()
    {
        var problem = await (await client.GetAsync("/api/v1/enterprises/cultivation-pool?year=2010"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor("year").Single().Should().Contain("2016-01-01");
    }

    [Fact]
    public async Task Malformed_numbers_are_400_not_500()
    {
        await (await client.GetAsync("/api/v1/enterprises/cultivation-pool?maxMissing=one"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    [Fact]
    public async Task Needs_the_enterprises_read_scope()
    {
        const string url = "/api/v1/enterprises/cultivation-pool?year=2025";

        await (await factory.ClientWith(null).GetAsync(url)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await factory.ClientWith(EnterprisesApiFactory.Issuer.Token("plans.read")).GetAsync(url))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
