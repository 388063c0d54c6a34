using System.Net;
using System.Text.RegularExpressions;
using Enterprises.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Enterprises.FunctionalTests;

/// <summary>
/// The name search by words of any length, one or two characters among them, which make no trigram of the names: on
/// PostgreSQL it reads the index of the names' characters and pairs of characters; the answers are the same on either database.
/// </summary>
public class ShortNameSearchTests(EnterprisesWithStatements factory) : IClassFixture<EnterprisesWithStatements>
{
    /// <summary>EnterpriseNameSearch.MaxPairs: the most pairs of the words' characters a search looks up.</summary>
    private const int MaxPairs = 8;

    private readonly HttpClient client = factory.CreateClient();

    private async Task<string> RegisterAsync(string name, string? nameEn)
    {
        var code = CreditCodes.New("120110");
        await (await client.PostJsonAsync("/api/v1/enterprises", new
        {
            creditCode = code, name, nameEn, regionCode = "120110", foundedOn = "2016-05-01",
        })).JsonAsync(HttpStatusCode.Created);
        return code;
    }

    private async Task<string[]> FoundAsync(string q) =>
        (await (await client.GetAsync($"/api/v1/enterprises?q={Uri.EscapeDataString(q)}")).JsonAsync(HttpStatusCode.OK))["items"].Strings("creditCode");

    /// <summary>The read of the list's page (the count's has no LIMIT; the outbox relay's reads no enterprises), with its values.</summary>
    private (string Text, IReadOnlyDictionary<string, object?> Values) PageRead() =>
        factory.Reads.Single(read => read.Text.Contains("LIMIT") && read.Text.Contains("FROM \"Enterprises\""));

    /// <summary>What the page's read looks up in the index of the marked names, in its order: the values its function marks.</summary>
    private static List<string> LookedUp((string Text, IReadOnlyDictionary<string, object?> Values) read) =>
        [.. Regex.Matches(read.Text, @"enterprise_name_marked\(@(\w+), NULL\)").Select(m => (string)read.Values[m.Groups[1].Value]!)];

    [Fact]
    public async Task Words_of_any_length_find_the_names_holding_them_in_that_order_and_no_other()
    {
        var hangda = await RegisterAsync("天津航达新材料有限公司", null);
        var dahang = await RegisterAsync("天津达航科技有限公司", "Tianjin Dahang AB Technology");
        var aviation = await RegisterAsync("天津航空机电有限公司", "Tianjin Aviation X9 Co");

        (await FoundAsync("航达")).Should().Equal(hangda);
        (await FoundAsync("达航")).Should().Equal(dahang);
        (await FoundAsync("空机")).Should().Equal(aviation);
        (await FoundAsync("航")).Should().BeEquivalentTo([hangda, dahang, aviation]);
        (await FoundAsync("电")).Should().Equal(aviation);
        (await FoundAsync("ab")).Should().Equal([dahang], "English names are searched too, ignoring case");
        (await FoundAsync("达航科技有限公司")).Should().Equal(dahang);
        (await FoundAsync("Dahang AB tECHNOLOGY")).Should().Equal(dahang);
        (await FoundAsync("x9")).Should().Equal(aviation);
        (await FoundAsync("Ta")).Should().BeEmpty("no name holds the pair, though each holds both letters");
        (await FoundAsync("航达新材料")).Should().Equal(hangda);
        (await FoundAsync("dahang ab tech")).Should().Equal([dahang], "spaces are characters of the words too");
        (await FoundAsync("司t")).Should().BeEmpty("the end of the Chinese name and the start of the English one are not a pair");
        (await FoundAsync("_")).Should().BeEmpty("a wildcard of LIKE is searched as itself");
        (await FoundAsync("%")).Should().BeEmpty();
        (await FoundAsync("ǂ")).Should().BeEmpty("the mark between the characters of the marked names is no character of a name");
    }

    /// <summary>
    /// On PostgreSQL words of three characters or more are looked up in the index by their pairs of characters (at most
    /// <see cref="MaxPairs"/>), each once; a name that holds each pair but not the words is not found.
    /// </summary>
    [Fact]
    public async Task Words_are_found_whole_though_a_name_holds_each_of_their_pairs_apart()
    {
        var apart = await RegisterAsync("天津达航航达精工有限公司", null);
        var whole = await RegisterAsync("天津达航达精工有限公司", null);
        var repeated = await RegisterAsync("天津哈哈哈哈乳业有限公司", "Haha Dairy");

        factory.Reads.Clear();
        (await FoundAsync("达航达")).Should().Equal(whole);
        var page = PageRead();
        (await FoundAsync("航航达精工")).Should().Equal(apart);
        (await FoundAsync("哈哈哈哈哈")).Should().BeEmpty("the name holds four of the five");
        (await FoundAsync("哈哈哈哈")).Should().Equal(repeated);
        (await FoundAsync("天津达航达精工有限公司")).Should().Equal([whole], "a name longer than the pairs looked up is still tested whole");
        if (EnterprisesApiFactory.PostgresServer is null)
        {
            return;
        }

        LookedUp(page).Should().Equal(["达航", "航达"], "the words whole would read a trigram of each inner character");
        page.Text.Should().MatchRegex(@"""Name"" LIKE @(\w+)", "a name may hold the pairs apart, so the words are tested whole");
        page.Values.Values.Should().Contain("%达航达%");
        factory.Reads.Clear();
        (await FoundAsync("天津哈哈哈哈哈哈哈哈哈哈乳业有限公司天津")).Should().BeEmpty();
        // Ten different pairs, 哈哈 nine times among them: the eight looked up are the first eight different ones, each once.
        LookedUp(PageRead()).Should().HaveCount(MaxPairs).And.Equal(["天津", "津哈", "哈哈", "哈乳", "乳业", "业有", "有限", "限公"],
            "pairs are looked up once each, and no more of them than the most; the ninth, 公司, is past it");
    }

    [Fact]
    public async Task Words_that_could_break_a_statement_are_searched_as_themselves()
    {
        var code = await RegisterAsync("天津'引号'科技有限公司", "Quote's Tech");

        (await FoundAsync("'引号'")).Should().Equal(code);
        (await FoundAsync("quote's")).Should().Equal(code);
        (await FoundAsync("'; DROP TABLE \"Enterprises\"; --")).Should().BeEmpty();
        (await FoundAsync("😀")).Should().BeEmpty("a character outside the BMP is one character of the words");
        (await FoundAsync(new string('航', 256))).Should().BeEmpty("the longest value a query parameter may have");
        (await FoundAsync("天津'引号'科技有限公司")).Should().Equal(code);

        var slashed = await RegisterAsync(@"天津反斜\杠科技有限公司", @"Back\Slash Tech");
        (await FoundAsync(@"\")).Should().Equal([slashed], "LIKE's escape character is searched as itself too");
        (await FoundAsync(@"斜\杠")).Should().Equal(slashed);
        (await FoundAsync(@"K\s")).Should().Equal(slashed);
    }

    /// <summary>
    /// The words are parameters of the page's statement on either database, one statement for every search of the same
    /// shape. On PostgreSQL it is marked to be planned for them on every run (a custom plan), so its plan can read the index
    /// of characters, from estimates made on histograms of 500 names; left to its plan cache, PostgreSQL would settle on one
    /// plan for every word after five searches on a connection.
    /// </summary>
    [Fact]
    public async Task The_words_reach_the_statement_as_each_database_plans_them_best()
    {
        var code = await RegisterAsync("天津鹏程精密有限公司", null);
        factory.Reads.Clear();
        (await FoundAsync("鹏程")).Should().Equal(code);

        // The page's statement (the count's has no LIMIT).
        var page = PageRead();
        page.Text.Should().NotContain("鹏程").And.MatchRegex(@"""Name"" LIKE @\w+");
        page.Values.Values.Should().Contain("%鹏程%");
        if (EnterprisesApiFactory.PostgresServer is null)
        {
            page.Text.Should().NotContain("enterprise_name_marked").And.NotContain("custom plan");
            return;
        }

        page.Text.Should().StartWith("-- custom plan\n", "the statement is planned for the words of each search")
            .And.MatchRegex(@"\w+\.""MarkedNames"" LIKE", "the names' marks are read from their stored column, not made again for each row")
            .And.NotContain("enterprise_name_marked(e")
            .And.NotContain("ILIKE", "words without case are the same to LIKE, which costs less");
        LookedUp(page).Should().Equal("鹏程");
        factory.Reads.Clear();
        (await FoundAsync("程精")).Should().Equal(code);
        PageRead().Text.Should().Be(page.Text, "a search for other words of the same shape runs the same statement");
        factory.Reads.Clear();
        (await FoundAsync("鹏")).Should().Equal(code);
        LookedUp(PageRead()).Should().Equal(["鹏"], "one character is looked up between its marks");
        PageRead().Text.Should().MatchRegex(@"""Name"" LIKE @\w+", "one character keeps the names' estimate for the same reason");
        factory.Reads.Clear();
        (await FoundAsync("鹏程a")).Should().BeEmpty();
        PageRead().Text.Should().MatchRegex(@"""Name"" ILIKE @\w+", "a letter with case is searched ignoring it");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        // SET LOCAL ends with the transaction, which keeps the settings off the pool the service shares.
        await using var transaction = await connection.BeginTransactionAsync();
        await using var explain = connection.CreateCommand();
        explain.Transaction = transaction;
        explain.CommandText = "SET LOCAL enable_seqscan = off";
        await explain.ExecuteNonQueryAsync();
        explain.CommandText = "SET LOCAL enable_indexscan = off";
        await explain.ExecuteNonQueryAsync();
        async Task<List<T>> ReadAsync<T>(string statement)
        {
            explain.CommandText = statement;
            var rows = new List<T>();
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetFieldValue<T>(0));
            }

            return rows;
        }

        foreach (var (name, value) in page.Values)
        {
            explain.Parameters.Add(new NpgsqlParameter(name, value));
        }

        string.Join('\n', await ReadAsync<string>("EXPLAIN " + page.Text)).Should().Contain("IX_Enterprises_MarkedNames",
            "a table of a few rows is read whole unless told not to; the index must be one the plan can use");
        // The estimates come from the columns' histograms: with PostgreSQL's default 101 values a pair of characters a
        // thousandth of the names hold may be taken for a hundredth, and the page then walks the register instead of
        // reading the index (the migration NameStatistics).
        explain.Parameters.Clear();
        (await ReadAsync<int>("""
            SELECT attstattarget::int FROM pg_attribute
            WHERE attrelid = '"Enterprises"'::regclass AND attname IN ('MarkedNames', 'Name') ORDER BY attname
            """)).Should().Equal([500, 500], "both the marked names and the names are sampled in 500 values");
    }
}
