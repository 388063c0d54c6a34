using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static BuildingBlocks.Tests.PersonalValues;

namespace BuildingBlocks.Tests;

/// <summary>A service's contexts come from a pool: reused from one request to the next, reset between them, protected as any context.</summary>
public sealed class PooledContextTests : IAsyncLifetime
{
    private readonly PeopleDatabase database = new();
    private PeopleHost host = null!;

    public async Task InitializeAsync() => host = await PeopleHost.StartAsync(database);

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task Requests_in_turn_reuse_contexts_each_reset_after_the_request_before_and_still_protected()
    {
        var used = new List<PeopleDbContext>();
        for (var request = 0; request < 10; request++)
        {
            await using var scope = host.Services.CreateAsyncScope();
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
}
