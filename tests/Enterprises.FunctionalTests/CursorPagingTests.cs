using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SharedKernel.Time;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>Keyset pages of the enterprise and qualification lists: nextCursor, the Link header, count=true.</summary>
public class CursorPagingTests(CursorRegisterFactory factory) : IClassFixture<CursorRegisterFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static string[] Codes(IEnumerable<JsonNode> items) => items.Select(i => i["creditCode"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task A_cursor_walk_lists_every_enterprise_once_in_credit_code_order()
    {
        var walked = Codes(await client.WalkAsync("/api/v1/enterprises?pageSize=4"));

        walked.Should().Equal(factory.Enterprises.Select(e => e.Code).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("-foundedOn")]
    [InlineData("foundedOn,-creditCode")]
    [InlineData("name")]
    [InlineData("-name,-regionCode")]
    [InlineData("createdAt")]
    public async Task A_cursor_walk_with_ties_in_the_sort_lists_every_enterprise_once_in_order(string sort)
    {
        var all = await (await client.GetAsync($"/api/v1/enterprises?pageSize=500&sort={sort}")).JsonAsync(HttpStatusCode.OK);
        var expected = Codes(all["items"]!.AsArray().Select(i => i!));

        var walked = Codes(await client.WalkAsync($"/api/v1/enterprises?pageSize=2&sort={sort}"));

        walked.Should().Equal(expected);
        walked.Should().OnlyHaveUniqueItems().And.HaveCount(13);
        if (sort == "-foundedOn")
        {
            walked.Should().Equal(factory.Enterprises.OrderByDescending(e => e.FoundedOn, StringComparer.Ordinal)
                .ThenBy(e => e.Code, StringComparer.Ordinal).Select(e => e.Code), "ties are in credit code order");
        }
    }

    [Fact]
    public async Task Filtered_lists_page_by_cursor()
    {
        var jinghai = Codes(await client.WalkAsync("/api/v1/enterprises?regionCode=120118&pageSize=3"));
        jinghai.Should().Equal(factory.Enterprises.Where(e => e.Region == "120118").Select(e => e.Code).Order(StringComparer.Ordinal));

        var highTech = Codes(await client.WalkAsync("/api/v1/enterprises?qualification=HighTech&pageSize=2"));
        highTech.Should().Equal(factory.Enterprises.Where((_, i) => i % 3 == 0).Select(e => e.Code).Order(StringComparer.Ordinal));
        var highTechDescending = Codes(await client.WalkAsync("/api/v1/enterprises?qualification=HighTech&sort=-creditCode&pageSize=2"));
        highTechDescending.Should().Equal(highTech.Reverse());

        var named = Codes(await client.WalkAsync("/api/v1/enterprises?q=海河智能&regionCode=120110&pageSize=2"));
        named.Should().Equal(factory.Enterprises.Where(e => e.Region == "120110").Select(e => e.Code).Order(StringComparer.Ordinal));
    }

    /// <summary>A search's page finds its credit codes first and reads their enterprises and holdings after, in credit code order.</summary>
    [Fact]
    public async Task A_search_pages_in_its_own_order_with_what_each_enterprise_holds()
    {
        var walked = await client.WalkAsync("/api/v1/enterprises?q=海河智能&sort=-foundedOn&pageSize=4");

        Codes(walked).Should().Equal(factory.Enterprises.OrderByDescending(e => e.FoundedOn, StringComparer.Ordinal)
            .ThenBy(e => e.Code, StringComparer.Ordinal).Select(e => e.Code), "the page keeps the order asked for, not the one it is read in");
        var highTech = walked.Where(i => i["qualifications"]!.AsArray().Any(q => q!["type"]!.GetValue<string>() == "HighTech"));
        Codes(highTech).Should().BeEquivalentTo(factory.Enterprises.Where((_, i) => i % 3 == 0).Select(e => e.Code));
        walked.Sum(i => i["qualifications"]!.AsArray().Count).Should().Be(highTech.Count(), "each holding is shown once");
    }

    [Fact]
    public async Task The_register_wide_qualification_list_pages_by_cursor_in_id_order()
    {
        var walked = await client.WalkAsync("/api/v1/qualifications?type=HighTech&regionCode=120118&pageSize=2");
        var ids = walked.Select(i => i["id"]!.GetValue<long>()).ToList();

        ids.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        Codes(walked).Should().BeEquivalentTo(factory.Enterprises.Where((e, i) => i % 3 == 0 && e.Region == "120118").Select(e => e.Code));
    }

    [Fact]
    public async Task A_page_asked_by_number_carries_the_count_and_a_cursor_onwards()
    {
        var page = await (await client.GetAsync("/api/v1/enterprises?page=2&pageSize=5")).JsonAsync(HttpStatusCode.OK);
        page["totalCount"]!.GetValue<int>().Should().Be(13);
        page["page"]!.GetValue<int>().Should().Be(2);

        var rest = await (await client.GetAsync($"/api/v1/enterprises?pageSize=5&cursor={Uri.EscapeDataString(page["nextCursor"]!.GetValue<string>())}"))
            .JsonAsync(HttpStatusCode.OK);
        Codes(rest["items"]!.AsArray().Select(i => i!)).Should().Equal(factory.Enterprises.Select(e => e.Code).Order(StringComparer.Ordinal).Skip(10));
        rest["page"].Should().BeNull("a page reached by cursor has no number");
        rest["nextCursor"].Should().BeNull();
    }

    [Fact]
    public async Task Count_true_gives_the_count_and_without_it_none_is_made()
    {
        var counted = await (await client.GetAsync("/api/v1/enterprises?regionCode=120118&pageSize=3&count=true")).JsonAsync(HttpStatusCode.OK);
        counted["totalCount"]!.GetValue<int>().Should().Be(8);

        var next = Uri.EscapeDataString(counted["nextCursor"]!.GetValue<string>());
        var byCursor = await (await client.GetAsync($"/api/v1/enterprises?regionCode=120118&pageSize=3&count=true&cursor={next}"))
            .JsonAsync(HttpStatusCode.OK);
        byCursor["totalCount"]!.GetValue<int>().Should().Be(8, "the count is of every match, not of what follows the cursor");

        var uncounted = await (await client.GetAsync("/api/v1/enterprises?regionCode=120118&pageSize=3")).JsonAsync(HttpStatusCode.OK);
        uncounted["totalCount"].Should().BeNull();
        var numbered = await (await client.GetAsync("/api/v1/qualifications?page=1&count=false")).JsonAsync(HttpStatusCode.OK);
        numbered["totalCount"].Should().BeNull("count=false turns the count of a numbered page off");
        var qualifications = await (await client.GetAsync("/api/v1/qualifications?type=HighTech&count=true")).JsonAsync(HttpStatusCode.OK);
        qualifications["totalCount"]!.GetValue<int>().Should().Be(5);
    }

    /// <summary>The qualifications a list filtered by one reads: joined on PostgreSQL, by EXISTS on SQLite; up to their conditions.</summary>
    internal const string Holders = """(?:INNER JOIN|EXISTS) \(\s*SELECT [^)]*?FROM "Qualifications" AS (?<q>"?\w+"?)\s+WHERE """;

    internal static bool HoldersIn(string sql) => Regex.IsMatch(sql, Holders);

    /// <summary>
    /// A page by cursor in credit code order, filtered by a qualification, bounds the qualifications it reads by the
    /// cursor as well as the enterprises: PostgreSQL reads the holders it joins in credit code order and carries no range
    /// from the enterprises to them, so without the bound it read the type's qualifications from the first on every page.
    /// </summary>
    [Fact]
    public async Task A_page_by_cursor_filtered_by_qualification_reads_the_qualifications_from_the_cursor_on()
    {
        const string list = "/api/v1/enterprises?qualification=HighTech&pageSize=2";
        var bounded = new Regex(Holders + """[^)]*(?<![\w"])\k<q>\."CreditCode" [<>] @""");
        foreach (var sort in new[] { "creditCode", "-creditCode" })
        {
            factory.Statements.Clear();
            var first = await (await client.GetAsync($"{list}&sort={sort}")).JsonAsync(HttpStatusCode.OK);
            bounded.IsMatch(factory.Statements.Should().ContainSingle(sql => HoldersIn(sql)).Subject).Should().BeFalse("a first page starts at the first");

            factory.Statements.Clear();
            var cursor = Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>());
            var next = await (await client.GetAsync($"{list}&sort={sort}&count=true&cursor={cursor}")).JsonAsync(HttpStatusCode.OK);
            next["totalCount"]!.GetValue<int>().Should().Be(5, "the count is of every match, not of what follows the cursor");
            var page = factory.Statements.Where(sql => HoldersIn(sql) && !sql.Contains("count(", StringComparison.OrdinalIgnoreCase)).Should().ContainSingle().Subject;
            bounded.IsMatch(page).Should().BeTrue($"the qualifications are read from the cursor on ({sort}):\n{page}");
        }

        factory.Statements.Clear();
        var byName = await client.FirstCursorAsync($"{list}&sort=name");
        await (await client.GetAsync($"{list}&sort=name&cursor={Uri.EscapeDataString(byName)}")).JsonAsync(HttpStatusCode.OK);
        factory.Statements.Where(sql => HoldersIn(sql)).Should().NotContain(sql => bounded.IsMatch(sql), "another sort has no bound on the credit code");

        factory.Statements.Clear();
        (await (await client.GetAsync($"{list}&page=2")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Should().HaveCount(2);
        factory.Statements.Where(sql => HoldersIn(sql)).Should().NotBeEmpty().And.NotContain(sql => bounded.IsMatch(sql), "a page by number has no cursor");
    }

    /// <summary>
    /// Filtered by a qualification and a district, on PostgreSQL, the holders are read within the district's first and
    /// last credit codes, written into the statement, which are read first; a page counted is counted within them too.
    /// SQLite reads no range (it looks up each enterprise's holders by key).
    /// </summary>
    [Fact]
    public async Task Filtered_by_a_qualification_and_a_district_the_holders_are_read_within_the_district_s_credit_codes()
    {
        var district = factory.Enterprises.Where(e => e.Region == "120118").Select(e => e.Code).Order(StringComparer.Ordinal).ToList();
        factory.Statements.Clear();
        var page = await (await client.GetAsync("/api/v1/enterprises?qualification=HighTech&regionCode=120118&pageSize=2&count=true"))
            .JsonAsync(HttpStatusCode.OK);

        page["totalCount"]!.GetValue<int>().Should().Be(3);
        page["items"]!.AsArray().Should().HaveCount(2);
        var holders = factory.Statements.Where(HoldersIn).Select(sql => Regex.Match(sql, Holders + "[^)]*").Value).ToList();
        DistrictRange.ShouldBeReadWithin(holders, district);
        if (EnterprisesApiFactory.PostgresServer is null)
        {
            return;
        }

        factory.Statements.Clear();
        var cursor = Uri.EscapeDataString(page["nextCursor"]!.GetValue<string>());
        (await (await client.GetAsync($"/api/v1/enterprises?qualification=HighTech&regionCode=120118&pageSize=2&cursor={cursor}"))
            .JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Should().ContainSingle();
        factory.Statements.Where(HoldersIn).Should().ContainSingle().Which.Should()
            .NotContain($"'{district[^1]}'", "a page after a cursor reads the holders from the cursor on, in the district already");
    }

    /// <summary>
    /// The type and the day are literals of the statement, so the qualifications a first page reads depend on no parameter,
    /// and PostgreSQL keeps one plan for it instead of planning it on every request.
    /// </summary>
    [Fact]
    public async Task A_first_page_filtered_by_qualification_names_the_type_and_the_day_in_its_statement()
    {
        factory.Statements.Clear();
        var page = await (await client.GetAsync("/api/v1/enterprises?qualification=HighTech")).JsonAsync(HttpStatusCode.OK);
        var today = factory.Services.GetRequiredService<TimeProvider>().Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        page["items"]!.AsArray().Should().HaveCount(5);
        var sql = factory.Statements.Should().ContainSingle(sql => HoldersIn(sql)).Subject;
        var qualifications = Regex.Match(sql, Holders + """(?<where>[^)]*)\)""");
        qualifications.Success.Should().BeTrue(sql);
        qualifications.Groups["where"].Value.Should().Contain("'HighTech'").And.Contain($"'{today}'").And.NotContain("@", "no parameter decides the plan");
        qualifications.Value.Should().StartWith(EnterprisesApiFactory.PostgresServer is null ? "EXISTS" : "INNER JOIN",
            "PostgreSQL reads the holders in credit code order and their enterprises by key; SQLite walks the enterprises");
    }

    /// <summary>
    /// Beside a district, an industry or a name search (or a zone), the holders of the qualification are tested with EXISTS on
    /// either database: the other filter's enterprises are walked in credit code order, where a join walked the holders from
    /// the type's first to reach the district's, which credit codes put together and often last.
    /// </summary>
    [Theory]
    [InlineData("regionCode=120118")]
    [InlineData("industry=%E6%96%B0%E4%B8%80%E4%BB%A3%E4%BF%A1%E6%81%AF%E6%8A%80%E6%9C%AF")]
    [InlineData("q=%E6%B5%B7%E6%B2%B3%E6%99%BA%E8%83%BD")]
    public async Task Beside_another_filter_the_holders_of_a_qualification_are_tested_with_exists(string other)
    {
        factory.Statements.Clear();
        var page = await (await client.GetAsync($"/api/v1/enterprises?qualification=HighTech&{other}")).JsonAsync(HttpStatusCode.OK);

        var holders = factory.Enterprises.Where((e, i) => i % 3 == 0 && (!other.StartsWith("regionCode=") || e.Region == "120118"));
        page["items"]!.AsArray().Select(e => e!["creditCode"]!.GetValue<string>()).Should().Equal(holders.Select(e => e.Code).Order(StringComparer.Ordinal));
        Regex.Match(factory.Statements.Should().ContainSingle(sql => HoldersIn(sql)).Subject, Holders).Value.Should().StartWith("EXISTS");
    }

    [Fact]
    public async Task The_qualification_list_names_its_type_and_status_in_its_statement()
    {
        factory.Statements.Clear();
        var page = await (await client.GetAsync("/api/v1/qualifications?type=HighTech&status=valid&regionCode=120118")).JsonAsync(HttpStatusCode.OK);

        page["items"]!.AsArray().Should().HaveCount(3).And.OnlyContain(q => q!["type"]!.GetValue<string>() == "HighTech");
        var sql = factory.Statements.Should().ContainSingle(sql => sql.Contains("FROM \"Qualifications\"")).Subject;
        sql.Should().Contain("'HighTech'").And.Contain("'Valid'");
        Regex.Matches(sql, @"@\w+").Select(m => m.Value).Should().NotContain(p => p.Contains("type", StringComparison.OrdinalIgnoreCase)
            || p.Contains("status", StringComparison.OrdinalIgnoreCase), "no parameter of the type or status decides the plan");
    }

    [Theory]
    [InlineData("/api/v1/enterprises?regionCode=120118&page=1&pageSize=2", 8)]
    [InlineData("/api/v1/qualifications?type=HighTech&page=2&pageSize=2", 5)]
    public async Task A_page_asked_by_number_counts_up_to_the_limit_and_count_true_counts_every_match(string url, int matches)
    {
        factory.Statements.Clear();
        (await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>().Should().Be(matches);
        factory.Statements.Should().ContainSingle(sql => sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase)).Which
            .Should().MatchRegex(@"LIMIT 10001\b", "the count reads no more than the limit and one");

        factory.Statements.Clear();
        (await (await client.GetAsync(url + "&count=true")).JsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>().Should().Be(matches);
        factory.Statements.Should().ContainSingle(sql => sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase)).Which
            .Should().NotContain("LIMIT", "count=true counts every match");
    }

    /// <summary>The last page asked by number has read every match after the ones before it: it counts nothing again.</summary>
    [Theory]
    [InlineData("/api/v1/enterprises?regionCode=120118&page=1", 8)]
    [InlineData("/api/v1/enterprises?regionCode=120118&page=3&pageSize=3", 8)]
    [InlineData("/api/v1/qualifications?type=HighTech&page=2&pageSize=4&count=true", 5)]
    public async Task The_last_page_asked_by_number_carries_its_count_without_a_count_statement(string url, int matches)
    {
        factory.Statements.Clear();
        (await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>().Should().Be(matches);
        factory.Statements.Should().NotContain(sql => sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Malformed_and_forged_cursors_are_400_naming_the_cursor()
    {
        var cursor = await client.FirstCursorAsync("/api/v1/enterprises?regionCode=120118&pageSize=2");
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        var altered = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];
        // A payload of another shape with a check that matches it: only its reading refuses it.
        var forged = await client.FirstCursorAsync("/api/v1/enterprises?regionCode=120118&pageSize=2&sort=foundedOn");
        string[] refused =
        [
            "regionCode=120118&cursor=abc",
            "regionCode=120118&cursor=...",
            "regionCode=120118&cursor=%E5%A4%A9.%E6%B4%A5",
            $"regionCode=120118&cursor={Uri.EscapeDataString(altered)}",
            $"regionCode=120118&cursor={Uri.EscapeDataString(cursor[..dot])}",
            $"regionCode=120118&cursor={Uri.EscapeDataString(cursor[..^2])}",
            $"regionCode=120110&cursor={Uri.EscapeDataString(cursor)}",
            $"regionCode=120118&sort=name&cursor={Uri.EscapeDataString(cursor)}",
            $"regionCode=120118&page=2&cursor={Uri.EscapeDataString(cursor)}",
            $"regionCode=120118&cursor={Uri.EscapeDataString(forged)}",
            $"regionCode=120118&cursor={new string('A', 257)}",
        ];
        foreach (var query in refused)
        {
            var problem = await (await client.GetAsync($"/api/v1/enterprises?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
            problem.ErrorsFor("cursor").Concat(problem.ErrorsFor("Cursor")).Should().NotBeEmpty(query);
        }

        (await client.GetAsync($"/api/v1/enterprises?regionCode=120118&pageSize=2&cursor={Uri.EscapeDataString(cursor)}"))
            .StatusCode.Should().Be(HttpStatusCode.OK, "the cursor itself is good");
    }

    [Fact]
    public async Task A_sort_by_type_pages_by_number_only()
    {
        var page = await (await client.GetAsync("/api/v1/qualifications?sort=type&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        page["nextCursor"].Should().BeNull();

        var cursor = await client.FirstCursorAsync("/api/v1/qualifications?pageSize=2");
        var problem = await (await client.GetAsync($"/api/v1/qualifications?sort=type&cursor={Uri.EscapeDataString(cursor)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        problem.ErrorsFor("cursor").Should().ContainSingle().Which.Should().Contain("type");
    }
}
