using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Persistence;
using SQLitePCL;
using static BuildingBlocks.Tests.PersonalValues;

namespace BuildingBlocks.Tests;

/// <summary>
/// On SQLite a statement EF Core runs again is prepared once per connection and kept (SqliteStatementCache), as
/// PostgreSQL's are: later requests run it with their own parameters, and between requests the statements kept hold no
/// transaction or lock. What is kept is bounded, and ends with the connection. Read from SQLite itself: the statements
/// prepared on a connection (sqlite3_next_stmt) and how many times each ran (SQLITE_STMTSTATUS_RUN).
/// </summary>
public sealed class SqliteStatementCacheTests() : PeopleServiceTests(sqlite: true)
{
    protected override Task<PeopleHost> StartAsync() => PeopleHost.StartAsync(Database, interceptor: new StatementsListed());

    [Fact]
    public async Task A_query_later_requests_run_again_runs_on_the_statement_prepared_the_first_time_with_their_own_parameters()
    {
        await AddAsync(new Person("Ann", IdNumber, Phone, DateTimeOffset.UtcNow), new Person("Bob", OtherIdNumber, null, DateTimeOffset.UtcNow));
        var connections = new HashSet<SqliteConnection>();
        string[] names = ["Ann", "Bob", "Cid", "Ann", "Bob", "Cid"];
        foreach (var name in names)
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();

            (await db.People.Where(p => p.Name == name).Select(p => p.Name).ToListAsync()).Should().Equal(name == "Cid" ? [] : [name],
                "each request binds its own name to the statement kept");
            connections.Add((SqliteConnection)db.Database.GetDbConnection());
        }

        var kept = connections.SelectMany(Statements).Where(s => s.Sql.Contains("\"People\"") && s.Sql.Contains("\"Name\" =")).ToList();
        kept.Should().HaveCount(connections.Count, "one statement per connection, prepared the first time it ran there");
        kept.Sum(s => s.Runs).Should().Be(names.Length, "every request ran on it");
        kept.Should().OnlyContain(s => s.Reprepares == 0, "a name bound is not a reason for SQLite to prepare the statement again");
        connections.Should().OnlyContain(c => c.State == System.Data.ConnectionState.Open, "the connection stays open between requests");
    }

    [Fact]
    public async Task A_limit_bound_as_a_parameter_is_prepared_again_at_every_run_where_the_keyset_s_literal_limit_is_not()
    {
        await AddAsync(new Person("Ann", IdNumber, Phone, DateTimeOffset.UtcNow), new Person("Bob", OtherIdNumber, null, DateTimeOffset.UtcNow));
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
        var names = db.People.OrderBy(p => p.Name).Select(p => p.Name);
        for (var run = 0; run < 3; run++)
        {
            (await names.Take(1).ToListAsync()).Should().Equal("Ann");
            (await KeysetDialects.Of(db.Database).Take(names, 2).ToListAsync()).Should().Equal("Ann", "Bob");
        }

        var kept = Statements(db.Database.GetDbConnection()).Where(s => s.Sql.Contains("\"People\"")).ToList();
        kept.Should().ContainSingle(s => s.Sql.Contains("LIMIT @")).Which.Reprepares.Should().BeGreaterThanOrEqualTo(2,
            "SQLite plans with the limit bound, so each run after the first binds it and prepares the statement again");
        kept.Should().ContainSingle(s => s.Sql.Contains("LIMIT 2")).Which.Should().Match<Statement>(s => s.Runs == 3 && s.Reprepares == 0);
    }

    [Fact]
    public async Task A_transaction_left_open_by_a_request_is_rolled_back_and_its_connection_holds_no_lock_after_it()
    {
        SqliteConnection connection;
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
            await db.Database.BeginTransactionAsync();
            db.People.Add(new Person("Ann", IdNumber, Phone, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            (await db.People.CountAsync()).Should().Be(1);
            connection = (SqliteConnection)db.Database.GetDbConnection();
        }

        raw.sqlite3_get_autocommit(connection.Handle).Should().Be(1, "the transaction ended with the request");
        Statements(connection).Should().NotBeEmpty().And.OnlyContain(s => !s.Busy, "a statement kept is reset once its reader is done");
        await using var other = new SqliteConnection(Database.ConnectionString);
        await other.OpenAsync();
        await using var write = other.CreateCommand();
        write.CommandText = "BEGIN IMMEDIATE; CREATE TABLE Probe (Id INTEGER); COMMIT;";
        await write.ExecuteNonQueryAsync();
        await using var count = other.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM People";
        (await count.ExecuteScalarAsync()).Should().Be(0L, "the request's write was rolled back");
    }

    /// <summary>
    /// EF Core reads the rest of a query into memory before it runs another on the same connection, so the outer query's
    /// statement is back in the cache when the inner one takes it: the rows must still be the right ones.
    /// </summary>
    [Fact]
    public async Task A_query_run_again_while_it_is_being_read_gives_the_right_rows_and_a_statement_that_failed_runs_again()
    {
        await AddAsync(new Person("Ann", IdNumber, Phone, DateTimeOffset.UtcNow), new Person("Bob", OtherIdNumber, null, DateTimeOffset.UtcNow));
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
        var pairs = new List<string>();
        await foreach (var outer in db.People.AsNoTracking().OrderBy(p => p.Name).Select(p => p.Name).AsAsyncEnumerable())
        {
            foreach (var inner in await db.People.AsNoTracking().OrderBy(p => p.Name).Select(p => p.Name).ToListAsync())
            {
                pairs.Add(outer + inner);
            }
        }

        pairs.Should().Equal("AnnAnn", "AnnBob", "BobAnn", "BobBob");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            (await db.Database.Invoking(d => d.ExecuteSqlRawAsync("INSERT INTO People (Id) VALUES (NULL)")).Should().ThrowAsync<SqliteException>())
                .Which.SqliteErrorCode.Should().Be(raw.SQLITE_CONSTRAINT, "the statement kept after its failure fails as it should, not as misused");
        }

        db.People.Add(new Person("Cid", IdNumber, null, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        (await db.People.CountAsync()).Should().Be(3);
    }

    [Fact]
    public async Task A_connection_keeps_at_most_its_capacity_the_least_recently_used_going_first_and_none_once_closed()
    {
        var count = SqliteStatementCache.Capacity + 8;
        SqliteConnection connection;
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
            for (var i = 1; i <= count; i++)
            {
                var distinct = $"SELECT {i} AS \"Value\"";
                (await db.Database.SqlQueryRaw<int>(distinct).ToListAsync()).Should().Equal(i);
            }

            connection = (SqliteConnection)db.Database.GetDbConnection();
        }

        var kept = Statements(connection).Select(s => s.Sql).ToList();
        kept.Should().HaveCountLessThanOrEqualTo(SqliteStatementCache.Capacity);
        kept.Should().Contain(s => s.StartsWith($"SELECT {count} AS"), "the statement run last is kept")
            .And.NotContain(s => s.StartsWith("SELECT 1 AS"), "the one run first went first");

        await Host.DisposeAsync();
        connection.State.Should().Be(System.Data.ConnectionState.Closed, "the connection closes when the service stops, finalising what it kept");
        Host = await StartAsync();
    }

    private async Task AddAsync(params Person[] people)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
        db.People.AddRange(people);
        await db.SaveChangesAsync();
    }

    /// <summary>SQLITE_STMTSTATUS_REPREPARE and SQLITE_STMTSTATUS_RUN: the times a statement was prepared again, and ran to its reset.</summary>
    private const int StatementStatusReprepare = 5, StatementStatusRun = 6;

    private sealed record Statement(string Sql, int Runs, int Reprepares, bool Busy);

    /// <summary>The statements prepared on <paramref name="connection"/> and not yet finalised, as SQLite lists them.</summary>
    private static List<Statement> Statements(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle!;
        var statements = new List<Statement>();
        for (var stmt = raw.sqlite3_next_stmt(handle, null); stmt is not null; stmt = raw.sqlite3_next_stmt(handle, stmt))
        {
            statements.Add(new Statement(raw.sqlite3_sql(stmt).utf8_to_string(), raw.sqlite3_stmt_status(stmt, StatementStatusRun, 0),
                raw.sqlite3_stmt_status(stmt, StatementStatusReprepare, 0), raw.sqlite3_stmt_busy(stmt) != 0));
        }

        return statements;
    }

    /// <summary>Lets SQLitePCL list a connection's statements (sqlite3_next_stmt), from its opening on.</summary>
    private sealed class StatementsListed : DbConnectionInterceptor
    {

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            ((SqliteConnection)connection).Handle!.enable_sqlite3_next_stmt(true);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            ConnectionOpened(connection, eventData);
            return Task.CompletedTask;
        }
    }
}
