using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Persistence;
using ServiceDefaults.Paging;
using static BuildingBlocks.Tests.PersonalValues;

namespace BuildingBlocks.Tests;

/// <summary>
/// A service's contexts come from a pool: reused from one request to the next, reset between them, protected as any
/// context. On PostgreSQL their connections keep the statements they run again prepared, so the server parses a list's query
/// once per connection; a connection string that says otherwise is kept as it is. A read on a generic plan is planned once
/// too. A value bound as a literal (Literals) is written into the statement.
/// </summary>
public sealed class PooledContextTests : PeopleServiceTests
{
    [Fact]
    public async Task Requests_in_turn_reuse_contexts_each_reset_after_the_request_before_and_still_protected()
    {
        var used = new List<PeopleDbContext>();
        for (var request = 0; request < 10; request++)
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();

            db.ChangeTracker.Entries().Should().BeEmpty("what the request before left unsaved is not carried into the next");
            db.ChangeTracker.QueryTrackingBehavior.Should().Be(QueryTrackingBehavior.TrackAll);
            db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.IsSensitiveDataLoggingEnabled.Should().BeFalse();
            db.People.Add(new Person("张三", IdNumber, Phone, DateTimeOffset.UtcNow));
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            used.Add(db);
        }

        used.Distinct().Count().Should().BeLessThan(used.Count, "a context goes back to the pool rather than being built for each request");
    }

    [Fact]
    public async Task A_query_run_again_on_a_connection_is_prepared_on_postgres_and_a_sqlite_file_is_opened_as_configured()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
        await db.Database.OpenConnectionAsync();
        for (var run = 0; run < 3; run++)
        {
            (await db.People.CountAsync(p => p.Name == "张三")).Should().Be(0);
        }

        if (!Database.OnPostgres)
        {
            db.Database.GetConnectionString().Should().Be(Database.ConnectionString);
            return;
        }

        var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        prepared.Should().ContainSingle(statement => statement.Contains("\"People\""), "the count ran three times on this connection");
    }

    [Theory]
    [InlineData("Host=db;Database=plans", 64, 2, true, null)]
    [InlineData("Host=db;Database=plans;Max Auto Prepare=0", 0, 5, true, null)]
    [InlineData("Host=db;Database=plans;MaxAutoPrepare=20;Auto Prepare Min Usages=7;No Reset On Close=false", 20, 7, false, null)]
    [InlineData("Host=db;Database=plans;NoResetOnClose=false", 64, 2, false, null)]
    [InlineData("Host=db;Database=plans;Maximum Pool Size=20", 64, 2, true, 20)]
    [InlineData("Host=db;Database=plans;MaxPoolSize=100", 64, 2, true, 100)]
    public void A_postgres_connection_string_prepares_what_runs_again_skips_the_reset_and_keeps_a_small_pool_unless_it_says_otherwise(
        string configured, int maxAutoPrepare, int minUsages, bool noResetOnClose, int? maxPoolSize)
    {
        var effective = new NpgsqlConnectionStringBuilder(new DatabaseOptions { ConnectionString = configured }.EffectiveConnectionString("plans"));

        effective.MaxPoolSize.Should().Be(maxPoolSize ?? Math.Max(4, 2 * Environment.ProcessorCount), "Npgsql's own default is 100");
        effective.MaxAutoPrepare.Should().Be(maxAutoPrepare);
        effective.AutoPrepareMinUsages.Should().Be(minUsages, "Npgsql's own default is 5");
        effective.NoResetOnClose.Should().Be(noResetOnClose, "Npgsql's own default resets every connection back in the pool");
        effective.Host.Should().Be("db");
        effective.Database.Should().Be("plans");
    }

    /// <summary>
    /// A value bound by <see cref="Literals.Bind{T, TValue}"/> is written into the statement, not sent as a parameter, on
    /// either Database, and the query still finds what it names; a captured value stays a parameter.
    /// </summary>
    [Fact]
    public async Task A_bound_value_is_a_literal_of_the_statement_and_a_captured_one_a_parameter()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
        db.People.Add(new Person("张三", IdNumber, Phone, DateTimeOffset.UtcNow));
        db.People.Add(new Person("O'Brien", OtherIdNumber, Phone, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        var name = "O'Brien";

        var bound = db.People.Where(Literals.Bind((Person p, string n) => p.Name == n, name));
        var captured = db.People.Where(p => p.Name == name);

        bound.ToQueryString().Should().Contain("'O''Brien'", "the quote is escaped in the literal").And.NotMatchRegex(@"[@$]\w*name");
        captured.ToQueryString().Should().MatchRegex(@"[@$]\w*name");
        (await bound.Select(p => p.Name).ToListAsync()).Should().Equal("O'Brien");
        (await captured.Select(p => p.Name).ToListAsync()).Should().Equal("O'Brien");
    }

    /// <summary>
    /// A read marked <see cref="QueryPlans.OnGenericPlan{T}"/> runs on PostgreSQL's generic plan for its prepared statement,
    /// where the same read run plainly is planned for its parameters each time, and reads what the plain read does; the
    /// setting ends with the read, whether it succeeds or fails, and the connection takes the next command; inside a
    /// transaction already open, which the setting would outlast, the read runs as it is. SQLite reads as it would.
    /// </summary>
    [Fact]
    public async Task A_read_on_a_generic_plan_is_planned_once_and_leaves_the_connection_and_an_open_transaction_as_they_were()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var (db, bob) = await AnnAndBobAsync(scope);
        var after = "Ann";
        IQueryable<string> Names(IQueryable<Person> people) => NamesAfter(people, after);

        for (var run = 0; run < 3; run++)
        {
            (await Names(db.People).ToListAsync()).Should().Equal("Bob");
        }

        // Npgsql prepares a statement from its second use: the first marked read is planned as an unprepared one.
        (await Names(db.People.OnGenericPlan()).ToListAsync()).Should().Equal("Bob");
        var plainly = await PlansAsync(db);
        for (var run = 0; run < 2; run++)
        {
            (await Names(db.People.OnGenericPlan()).ToListAsync()).Should().Equal("Bob");
        }

        Names(db.People.OnGenericPlan()).ToList().Should().Equal("Bob");
        db.Database.CurrentTransaction.Should().BeNull();
        if (Database.OnPostgres)
        {
            plainly.Custom.Should().BeGreaterThan(0, "a plain read is planned for its parameters");
            var generic = await PlansAsync(db);
            (generic.Generic - plainly.Generic).Should().Be(3, "each read on a generic plan used the statement's one plan");
            generic.Custom.Should().Be(plainly.Custom, "none of them was planned for its parameters");
            (await PlanCacheModeAsync(db)).Should().Be("auto", "the setting ended with the read");

            var failing = db.People.OnGenericPlan().Where(p => string.Compare(p.Name, after) > 0).Select(p => 1 / (p.Name.Length - p.Name.Length));
            await FluentActions.Awaiting(() => failing.ToListAsync()).Should().ThrowAsync<PostgresException>().Where(e => e.SqlState == "22012");
            (await PlanCacheModeAsync(db)).Should().Be("auto", "the setting ended with the read that failed");
            FluentActions.Invoking(() => failing.ToList()).Should().Throw<PostgresException>().Where(e => e.SqlState == "22012");
            (await PlanCacheModeAsync(db)).Should().Be("auto", "the connection takes the next command after a read that failed");
        }

        await using (var outer = await db.Database.BeginTransactionAsync())
        {
            bob.Name = "Cai";
            await db.SaveChangesAsync();
            after = "A";
            var before = await PlansAsync(db);
            (await Names(db.People.OnGenericPlan()).ToListAsync()).Should().Equal("Ann", "Cai");
            db.Database.CurrentTransaction.Should().BeSameAs(outer);
            if (Database.OnPostgres)
            {
                (await PlansAsync(db)).Generic.Should().Be(before.Generic, "a read inside a transaction already open is planned as it would be");
                (await PlanCacheModeAsync(db)).Should().Be("auto", "a read inside a transaction already open leaves its setting alone");
            }

            await outer.RollbackAsync();
        }

        db.ChangeTracker.Clear();
        (await Names(db.People).ToListAsync()).Should().Equal(["Ann", "Bob"], "the transaction the read joined was not committed by it");
    }

    /// <summary>
    /// A read marked <see cref="QueryPlans.OnCustomPlan{T}"/> is planned by PostgreSQL for its parameters on every run of its
    /// prepared statement, where the same read run plainly settles on the statement's generic plan after five runs; the
    /// setting ends with the read. SQLite reads as it would.
    /// </summary>
    [Fact]
    public async Task A_read_on_a_custom_plan_is_planned_for_its_parameters_on_every_run()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var (db, _) = await AnnAndBobAsync(scope);
        for (var run = 0; run < 8; run++)
        {
            (await NamesAfter(db.People, "Ann").ToListAsync()).Should().Equal("Bob");
            (await NamesAfter(db.People.OnCustomPlan(), "Ann").ToListAsync()).Should().Equal("Bob");
        }

        if (Database.OnPostgres)
        {
            // Npgsql prepares a statement from its second use: seven runs of each prepared statement.
            var plainly = await PlansAsync(db, marked: false);
            plainly.Generic.Should().BeGreaterThan(0, "left to itself, PostgreSQL settles on the generic plan of a statement run often");
            (await PlansAsync(db, marked: true)).Should().Be(new Plans(0, 7), "each run of the marked read was planned for its parameters");
            (await PlanCacheModeAsync(db)).Should().Be("auto", "the setting ended with the read");
        }
    }

    /// <summary>A context of the scope holding Ann and Bob, on a connection kept open, whose prepared statements the reads share.</summary>
    private static async Task<(PeopleDbContext Db, Person Bob)> AnnAndBobAsync(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
        var bob = new Person("Bob", OtherIdNumber, null, DateTimeOffset.UtcNow);
        db.People.AddRange(new Person("Ann", IdNumber, Phone, DateTimeOffset.UtcNow), bob);
        await db.SaveChangesAsync();
        await db.Database.OpenConnectionAsync();
        return (db, bob);
    }

    /// <summary>The names after <paramref name="after"/>, in order; <paramref name="after"/> is a parameter of the statement.</summary>
    private static IQueryable<string> NamesAfter(IQueryable<Person> people, string after) =>
        people.Where(p => string.Compare(p.Name, after) > 0).OrderBy(p => p.Name).Select(p => p.Name);

    private sealed record Plans(long Generic, long Custom);

    /// <summary>
    /// How often PostgreSQL planned this connection's prepared statements of people generically and for their parameters: all
    /// of them, or only those marked for a custom plan, or only those not.
    /// </summary>
    private async Task<Plans> PlansAsync(PeopleDbContext db, bool? marked = null) => !Database.OnPostgres
        ? new Plans(0, 0)
        : await db.Database.SqlQuery<Plans>($"""
            SELECT coalesce(sum(generic_plans), 0) AS "Generic", coalesce(sum(custom_plans), 0) AS "Custom"
            FROM pg_prepared_statements WHERE statement LIKE '%FROM "People"%' AND statement NOT LIKE '%pg_prepared_statements%'
            AND (CASE WHEN statement LIKE '-- custom plan%' THEN 1 ELSE 2 END) <> {marked switch { null => 0, true => 2, false => 1 }}
            """).SingleAsync();

    private static Task<string> PlanCacheModeAsync(PeopleDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync();
}
