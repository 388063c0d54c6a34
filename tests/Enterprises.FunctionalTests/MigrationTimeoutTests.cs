using System.Diagnostics;
using Enterprises.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Enterprises.FunctionalTests;

/// <summary>
/// A migration's statements run under <c>Database:MigrationTimeout</c> (15 minutes unless set), not under the 30 seconds a
/// request's statement may run: at a million enterprises adding the marked names' column took longer than that, and the
/// start failed with the migration half done. Set short here, a migration that waits on a lock fails once it has passed;
/// the pooled context the migrations ran on goes back to requests without it (EF Core resets a pooled context's timeout).
/// </summary>
public sealed class MigrationTimeoutTests
{
    [Fact]
    public async Task A_migration_statement_runs_as_long_as_the_migration_timeout_allows_and_no_longer()
    {
        if (EnterprisesApiFactory.PostgresServer is not { } server)
        {
            return;
        }

        using var factory = new EnterprisesApiFactory();
        await using (var admin = new NpgsqlConnection($"{server};Database=postgres"))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{factory.DatabaseName}\"", admin).ExecuteNonQueryAsync();
        }

        // Another session holds the history of migrations locked, as a replica applying them does.
        await using var holder = new NpgsqlConnection($"{server};Database={factory.DatabaseName}");
        await holder.OpenAsync();
        await new NpgsqlCommand(
            """CREATE TABLE "__EFMigrationsHistory" ("MigrationId" varchar(150) PRIMARY KEY, "ProductVersion" varchar(32) NOT NULL)""",
            holder).ExecuteNonQueryAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await new NpgsqlCommand("""LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE""", holder, hold).ExecuteNonQueryAsync();

        using var impatient = factory.WithWebHostBuilder(host => host.UseSetting("Database:MigrationTimeout", "00:00:02"));
        var waited = Stopwatch.StartNew();
        var start = () => impatient.CreateClient();

        start.Should().Throw<Exception>().Where(e => Chain(e).Any(inner => inner is TimeoutException),
            "the read of the history waited on the lock past the migration's timeout");
        waited.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.5)).And.BeLessThan(TimeSpan.FromSeconds(25),
            "the migration's timeout (2 s), not a request's (30 s)");

        await hold.RollbackAsync();
        using var patient = factory.WithWebHostBuilder(host => host.UseSetting("Database:MigrationTimeout", "00:00:02"));
        (await patient.CreateClient().GetAsync("/health/ready")).IsSuccessStatusCode.Should().BeTrue("once the lock is gone the migrations run");
        // Eight contexts rented at once: every one the pool holds after the start, so the one the migrations ran on too
        // (a single rent may be handed another, and pass whatever the migrations left on theirs).
        var scopes = Enumerable.Range(0, 8).Select(_ => patient.Services.CreateAsyncScope()).ToList();
        try
        {
            scopes.Select(scope => scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>().Database.GetCommandTimeout())
                .Should().NotContain(2, "the pooled context the migrations ran on serves requests under their own timeout");
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }

    /// <summary>The exception and those it wraps, each once.</summary>
    private static IEnumerable<Exception> Chain(Exception? e) => e switch
    {
        null => [],
        AggregateException all => [all, .. all.InnerExceptions.SelectMany(Chain)],
        _ => [e, .. Chain(e.InnerException)],
    };
}
