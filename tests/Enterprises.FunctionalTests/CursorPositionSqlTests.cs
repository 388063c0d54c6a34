using System.Linq.Expressions;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Persistence;
using ServiceDefaults.Paging;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>
/// The position a cursor starts a page at, as the database is asked for it. On PostgreSQL a sort whose keys all run one
/// way is one row comparison, the exact start of the index's range even where many rows share the lead key (a district);
/// elsewhere, and on SQLite, it is spelled key by key, led by the lead key's own bound.
/// </summary>
public class CursorPositionSqlTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private static readonly Keyset<Enterprise> Keyset = new(new SortFields<Enterprise>("creditCode", new Dictionary<string, Expression<Func<Enterprise, object?>>>
    {
        ["creditCode"] = e => e.CreditCode,
        ["regionCode"] = e => e.RegionCode,
        ["foundedOn"] = e => e.FoundedOn,
    }), "creditCode");

    private async Task<string> SqlAsync(string sort, params object?[] position)
    {
        var signature = sort.Split(',').Any(t => t.TrimStart('-') == "creditCode") ? sort : sort + ",creditCode";
        return await PageSqlAsync(new ListQuery(null, 10, sort, Cursors.Encode(signature, "scope", position)!, null));
    }

    private async Task<string> PageSqlAsync(ListQuery list)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        return Keyset.Page(db.Enterprises, list, "scope", KeysetDialects.Of(db.Database)).ToQueryString();
    }

    /// <summary>
    /// A first page and a page by cursor hold no parameter that decides their plan, so PostgreSQL keeps one generic plan
    /// of the prepared statement instead of planning it on every request: the size (one more, to tell whether a page
    /// follows) is a literal, and a first page has no offset. A later page by number keeps its offset a parameter.
    /// </summary>
    [Fact]
    public async Task A_pages_size_is_a_literal_and_a_first_page_has_no_offset()
    {
        var first = await PageSqlAsync(new ListQuery(null, 10, null, null, null));
        var third = await PageSqlAsync(new ListQuery(3, 25, null, null, null));
        var byCursor = await SqlAsync("creditCode", "91120118MA00000001");

        // SQLite too: it prepares a statement kept prepared again at every run whose limit is bound (SqliteStatementCache).
        first.Should().Contain("LIMIT 11").And.NotContain("OFFSET");
        byCursor.Should().Contain("LIMIT 11").And.NotContain("OFFSET");
        third.Should().Contain("LIMIT 26").And.MatchRegex(@"OFFSET @\w+").And.Contain("50");
    }

    [Fact]
    public async Task Keys_running_one_way_are_one_row_comparison_on_PostgreSQL_only()
    {
        var sql = await SqlAsync("regionCode", "120118", "91120118MA00000001");
        var descending = await SqlAsync("-foundedOn,-creditCode", new DateOnly(2015, 3, 18), "91120118MA00000001");

        if (EnterprisesApiFactory.PostgresServer is not null)
        {
            sql.Should().MatchRegex("""\(e\."RegionCode", e\."CreditCode"\) > \(""").And.NotContain(">=");
            descending.Should().MatchRegex("""\(e\."FoundedOn", e\."CreditCode"\) < \(""");
        }
        else
        {
            sql.Should().Contain("\"RegionCode\" >= ").And.NotMatchRegex("""\(e\."RegionCode", e\."CreditCode"\)""");
            descending.Should().Contain("\"FoundedOn\" <= ");
        }
    }

    [Fact]
    public async Task Keys_running_both_ways_are_spelled_key_by_key_on_either_database()
    {
        var sql = await SqlAsync("-regionCode", "120118", "91120118MA00000001");

        sql.Should().Contain("\"RegionCode\" <= ").And.NotMatchRegex("""\(e\."RegionCode", e\."CreditCode"\)""");
    }
}
