using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static BuildingBlocks.Tests.PersonalValues;

namespace BuildingBlocks.Tests;

/// <summary>
/// A database that cannot answer for now is a 503 with Retry-After, not a 500: on SQLite a file another writer holds
/// locked past the command's timeout (one second here), on PostgreSQL a connection the server ended under the service,
/// and a request that waited past the connection timeout (one second here) for one of the pool's (one here).
/// What was stored stays, and the service answers again once the database does. The class runs alone
/// (<see cref="DatabaseTimeoutCollection"/>): a second is its budget for a connection, not other classes' start-up's.
/// </summary>
[Collection(DatabaseTimeoutCollection.Name)]
public sealed class DatabaseUnavailableTests : PeopleServiceTests
{
    protected override Task<PeopleHost> StartAsync() => PeopleHost.StartAsync(Database, settings: new Dictionary<string, string?>
    {
        ["Database:ConnectionString"] = Database.ConnectionString + (Database.OnPostgres ? ";Maximum Pool Size=1;Timeout=1" : ";Default Timeout=1"),
    });

    [Fact]
    public async Task A_database_that_cannot_answer_is_a_503_with_retry_after_and_loses_nothing()
    {
        var officer = Host.ClientWith(PeopleHost.Officer);
        var created = await (await officer.PostJsonAsync("/api/v1/people", new { name = "张三", idNumber = IdNumber, phone = Phone }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();

        var refused = Database.OnPostgres ? await ReadAfterTheServerEndedTheConnectionsAsync(officer, id) : await WriteWhileLockedAsync(officer);

        await refused.ProblemAsync(HttpStatusCode.ServiceUnavailable, "serviceUnavailable");
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        if (Database.OnPostgres)
        {
            var waited = await ReadWhileThePoolIsTakenAsync(officer, id);
            await waited.ProblemAsync(HttpStatusCode.ServiceUnavailable, "serviceUnavailable");
            waited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        }

        (await (await officer.GetAsync($"/api/v1/people/{id}")).JsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>().Should().Be("张三");
        await (await officer.PostJsonAsync("/api/v1/people", new { name = "王五", idNumber = "120104199001011237", phone = NewPhone }))
            .JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>
    /// A registration while another connection holds SQLite's write lock (Microsoft.Data.Sqlite begins a transaction
    /// IMMEDIATE), rolled back once the answer is in: a connection goes back to its pool with a transaction begun in raw
    /// SQL still open, so the lock is held by a SqliteTransaction.
    /// </summary>
    private async Task<HttpResponseMessage> WriteWhileLockedAsync(HttpClient officer)
    {
        await using var writer = new SqliteConnection(Database.ConnectionString);
        await writer.OpenAsync();
        await using var hold = await writer.BeginTransactionAsync();
        return await officer.PostJsonAsync("/api/v1/people", new { name = "李四", idNumber = OtherIdNumber, phone = Phone });
    }

    /// <summary>A read while the service's one connection is held open by another unit of work of the service.</summary>
    private async Task<HttpResponseMessage> ReadWhileThePoolIsTakenAsync(HttpClient officer, Guid id)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
        await db.Database.OpenConnectionAsync();
        return await officer.GetAsync($"/api/v1/people/{id}");
    }

    /// <summary>A read after PostgreSQL ended every other connection to the Database, the service's idle ones among them.</summary>
    private async Task<HttpResponseMessage> ReadAfterTheServerEndedTheConnectionsAsync(HttpClient officer, Guid id)
    {
        await using (var admin = new NpgsqlConnection(Database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var end = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
            ((long)(await end.ExecuteScalarAsync())!).Should().BePositive("the service keeps a connection to its database in its pool");
        }

        return await officer.GetAsync($"/api/v1/people/{id}");
    }
}

/// <summary>A collection that runs alone, so a connection timed at one second is not timed against other classes' start-up.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatabaseTimeoutCollection
{
    public const string Name = "database timeout";
}
