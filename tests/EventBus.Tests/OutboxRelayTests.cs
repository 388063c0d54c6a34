using TestSupport;
using EventBus.Redis.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServiceDefaults.Hosting;
using StackExchange.Redis;

namespace EventBus.Tests;

public sealed class OutboxRelayTests : IDisposable
{
    private readonly RedisServer redis = new();
    private readonly string prefix = $"t{Guid.NewGuid():N}:";
    private readonly string database = Path.Combine(Path.GetTempPath(), $"relay-{Guid.NewGuid():N}.db");

    private string Stream => prefix + "shipping";

    private async Task<StreamEntry[]> EntriesOnStreamAsync()
    {
        // A fresh connection each time: the test reads across a Redis restart.
        await using var reader = await redis.ConnectAsync();
        return await reader.GetDatabase().StreamRangeAsync(Stream);
    }

    private async Task<List<string>> EventIdsOnStreamAsync() => (await EntriesOnStreamAsync()).Select(e => (string)e["id"]!).ToList();

    [Fact]
    public async Task Publishes_a_committed_event_on_commit_without_waiting_for_the_poll()
    {
        await using var service = new TestService(redis.ConnectionString, prefix, "shipping", database);
        await service.StartAsync();
        // A first event warms the process up (and the relay's first look may catch it); by the time it is
        // on the stream the relay waits for a signal, with a poll interval of an hour.
        var warmUp = new ParcelShipped("P-0", 1);
        await service.PublishAsync(warmUp);
        await Eventually.HoldsAsync(async () => (await EventIdsOnStreamAsync()).Contains(warmUp.Id.ToString()), "the first event is on the stream");
        var shipped = new ParcelShipped("P-1", 3);

        await service.PublishAsync(shipped);

        // Only the commit can have woken the relay within the wait: its poll is an hour.
        await Eventually.HoldsAsync(async () => (await EventIdsOnStreamAsync()).Contains(shipped.Id.ToString()), "the event is on the stream", seconds: 10);
        var entry = (await EntriesOnStreamAsync()).Single(e => e["id"] == shipped.Id.ToString());
        ((string?)entry["type"]).Should().Be("ParcelShipped");
        ((string?)entry["source"]).Should().Be("shipping");
        ((string?)entry["schemaVersion"]).Should().Be("1");
        ((string?)entry["payload"]).Should().Contain("\"parcel\":\"P-1\"").And.Contain("\"weight\":3");
        (await service.QueryAsync(db => db.Set<OutboxMessage>().ToListAsync())).Should().HaveCount(2).And.OnlyContain(m => m.PublishedAt != null);
    }

    /// <summary>
    /// A backlog (an import's events, <see cref="OutboxRelay.BacklogBatches"/> full batches or more) is followed, once
    /// relayed, by one compacting collection that gives its memory back; the few events of a request are not.
    /// </summary>
    [Fact]
    public async Task Gives_the_memory_back_once_a_backlog_is_relayed_and_not_after_a_few_events()
    {
        const int batchSize = 5;
        await using var service = new TestService(redis.ConnectionString, prefix, "shipping", database,
            settings: new() { ["EventBus:OutboxBatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await service.StartAsync();
        var few = Enumerable.Range(0, batchSize - 1).Select(i => new ParcelShipped($"few-{i}", i)).ToArray();
        var releases = BatchMemory.Releases;

        await service.PublishAsync(few);
        await Eventually.HoldsAsync(async () => (await EventIdsOnStreamAsync()).Count == few.Length, "the few events are on the stream");
        await Task.Delay(200);
        BatchMemory.Releases.Should().Be(releases, "a short batch is no backlog");

        var backlog = Enumerable.Range(0, OutboxRelay.BacklogBatches * batchSize + 3).Select(i => new ParcelShipped($"backlog-{i}", i)).ToArray();
        await service.PublishAsync(backlog);
        await Eventually.HoldsAsync(async () => (await EventIdsOnStreamAsync()).Count == few.Length + backlog.Length, "the backlog is on the stream");
        await Eventually.HoldsAsync(() => BatchMemory.Releases == releases + 1,
            "a compacting collection follows the backlog's last batch");
    }

    [Fact]
    public async Task Publishes_nothing_for_a_change_that_was_not_saved()
    {
        await using var service = new TestService(redis.ConnectionString, prefix, "shipping", database);
        await service.StartAsync();
        await using (var scope = service.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IEventBus>().Publish(new ParcelShipped("never-saved", 1));
        }

        var saved = new ParcelShipped("saved", 1);
        await service.PublishAsync(saved);
        await Eventually.HoldsAsync(async () => (await EventIdsOnStreamAsync()).Contains(saved.Id.ToString()), "the saved event is on the stream");

        (await EventIdsOnStreamAsync()).Should().Equal(saved.Id.ToString());
        (await service.QueryAsync(db => db.Set<OutboxMessage>().CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task Survives_Redis_stopping_and_restarting_with_no_event_lost()
    {
        await using var service = new TestService(redis.ConnectionString, prefix, "shipping", database);
        await service.StartAsync();
        var before = Enumerable.Range(0, 5).Select(i => new ParcelShipped($"before-{i}", i)).ToArray();
        await service.PublishAsync(before);
        await Eventually.HoldsAsync(async () => (await EventIdsOnStreamAsync()).Count == 5, "the first events are on the stream");

        redis.Stop();
        var during = Enumerable.Range(0, 20).Select(i => new ParcelShipped($"during-{i}", i)).ToList();
        foreach (var @event in during)
        {
            await service.PublishAsync(@event);
        }

        await Task.Delay(500);
        (await service.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.PublishedAt == null)))
            .Should().Be(20, "while Redis is down the events wait in the outbox");

        redis.Start();
        await Eventually.HoldsAsync(async () => await service.QueryAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.PublishedAt != null)),
            "every outbox row is published after the restart", seconds: 15);

        var ids = await EventIdsOnStreamAsync();
        ids.Should().OnlyHaveUniqueItems();
        ids.Should().BeEquivalentTo(before.Concat(during).Select(e => e.Id.ToString()));
        ids.Skip(5).Should().Equal(during.Select(e => e.Id.ToString()), "events keep their commit order");
    }

    [Fact]
    public async Task Starts_while_Redis_is_down_with_degraded_readiness_and_publishes_once_Redis_is_up()
    {
        redis.Stop();
        await using var service = new TestService(redis.ConnectionString, prefix, "shipping", database);
        await service.StartWithoutRedisAsync();
        var health = service.Services.GetRequiredService<HealthCheckService>();
        var waiting = new ParcelShipped("waiting", 1);
        await service.PublishAsync(waiting);

        var down = await health.CheckHealthAsync(c => c.Tags.Contains("ready"));
        down.Entries["redis"].Status.Should().Be(HealthStatus.Degraded, "writes go on while events wait in the outbox");

        redis.Start();
        await Eventually.HoldsAsync(async () => (await EventIdsOnStreamAsync()).Contains(waiting.Id.ToString()),
            "the event is published once Redis is up", seconds: 15);
        (await health.CheckHealthAsync(c => c.Tags.Contains("ready"))).Status.Should().Be(HealthStatus.Healthy);
    }

    public void Dispose()
    {
        redis.Dispose();
        File.Delete(database);
    }
}
