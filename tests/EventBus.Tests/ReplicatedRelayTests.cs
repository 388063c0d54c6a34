using EventBus.Redis.Outbox;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace EventBus.Tests;

/// <summary>
/// Three replicas of one service: one database (SQLite file, or PostgreSQL when the script started it),
/// one stream, a relay in each replica woken by its own commits.
/// </summary>
public sealed class ReplicatedRelayTests : IAsyncLifetime
{
    private const int Replicas = 3;
    private const int CommitsPerReplica = 40;
    private const int EventsPerCommit = 5;
    private readonly RedisServer redis = new();
    private readonly string prefix = $"t{Guid.NewGuid():N}:";
    private readonly string database = Path.Combine(Path.GetTempPath(), $"replicated-relay-{Guid.NewGuid():N}.db");
    private readonly List<TestService> replicas = [];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < Replicas; i++)
        {
            var replica = new TestService(redis.ConnectionString, prefix, "shipping", database);
            replicas.Add(replica);
            await replica.StartAsync();
        }
    }

    [Fact]
    public async Task Rows_committed_by_every_replica_are_published_once_each_in_the_outbox_order()
    {
        var committed = await Task.WhenAll(replicas.Select((replica, r) => Task.Run(async () =>
        {
            var events = new List<string>();
            for (var c = 0; c < CommitsPerReplica; c++)
            {
                ParcelShipped[] commit = [.. Enumerable.Range(0, EventsPerCommit).Select(e => new ParcelShipped($"R{r}-C{c}-E{e}", e))];
                await replica.PublishAsync(commit);
                events.AddRange(commit.Select(e => e.Id.ToString()));
            }

            return events;
        })));
        const int total = Replicas * CommitsPerReplica * EventsPerCommit;

        await Eventually.HoldsAsync(async () => await replicas[0].QueryAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.PublishedAt != null)),
            "every outbox row is marked published", seconds: 30);
        (await replicas[0].QueryAsync(db => db.Set<OutboxMessage>().CountAsync())).Should().Be(total);
        // Every relay has gone back to waiting once its last batch was marked: nothing it still held is to come.
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        await using var reader = await redis.ConnectAsync();
        var onStream = (await reader.GetDatabase().StreamRangeAsync(prefix + "shipping")).Select(e => (string)e["id"]!).ToList();
        onStream.Should().OnlyHaveUniqueItems("one relay at a time publishes, so no row is published twice");
        onStream.Should().HaveCount(total);
        foreach (var events in committed)
        {
            onStream.Where(events.Contains).Should().Equal(events, "a replica's events reach the stream in the order it committed them");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }

        redis.Dispose();
        File.Delete(database);
    }
}
