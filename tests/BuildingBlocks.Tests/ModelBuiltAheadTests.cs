using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Persistence;
using ServiceDefaults;

namespace BuildingBlocks.Tests;

/// <summary>
/// The database start-up builds EF Core's model ahead: once the service puts its database in the pipeline, on another
/// thread, while the service goes on mapping and starting; the start waits for it. A context of its own, whose model no
/// other test builds, tells when its model is made.
/// </summary>
public sealed class ModelBuiltAheadTests
{
    [Fact]
    public async Task The_model_is_built_once_the_database_is_in_the_pipeline_before_the_host_starts()
    {
        using var database = new PeopleDatabase();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(database.Settings);
        builder.Configuration["Auth:Issuers:0:Authority"] = "http://ahead-issuer.test";
        builder.AddServiceDefaults(PeopleApi.Description(null));
        builder.AddServiceDatabase<AheadDbContext, SqliteAheadDbContext, PostgresAheadDbContext>("ahead");
        await using var app = builder.Build();
        app.MapDefaultEndpoints();

        app.UseServiceDatabase();

        var builtOn = await AheadDbContext.ModelCreated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        builtOn.Should().NotBe(Environment.CurrentManagedThreadId, "the service's own thread went on");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AheadDbContext>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        await app.StopAsync();
    }
}

/// <summary>The test service's context, its model made once in the process: <see cref="ModelCreated"/> gives the thread that made it.</summary>
public abstract class AheadDbContext(DbContextOptions options) : PeopleDbContext(options)
{
    public static readonly TaskCompletionSource<int> ModelCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ModelCreated.TrySetResult(Environment.CurrentManagedThreadId);
    }
}

public sealed class SqliteAheadDbContext(DbContextOptions<SqliteAheadDbContext> options) : AheadDbContext(options);

public sealed class PostgresAheadDbContext(DbContextOptions<PostgresAheadDbContext> options) : AheadDbContext(options);
