using TestSupport;
using EventBus.Redis.Streams;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace EventBus.Tests;

/// <summary>What the event bus's meter reports, read as an exporter reads it.</summary>
public sealed class EventBusMetricsTests : IAsyncLifetime
{
    private const string StreamTag = "messaging.destination.name=";
    private readonly RedisServer redis = new();
    private readonly string prefix = $"t{Guid.NewGuid():N}:";
    private readonly string directory = Directory.CreateTempSubdirectory("eventbus-metrics-").FullName;
    private readonly List<TestService> services = [];

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task<TestService> StartAsync(string name, string[]? consumes = null)
    {
        var service = new TestService(redis.ConnectionString, prefix, name, Path.Combine(directory, $"{name}.db"), consumes);
        services.Add(service);
        await service.StartAsync();
        return service;
    }

    [Fact]
    public async Task The_outbox_backlog_grows_while_Redis_is_down_and_drains_after()
    {
        var shipping = await StartAsync("shipping");
        using var probe = new MetricsProbe(shipping.Services);
        await shipping.PublishAsync(new ParcelShipped("first", 1), new ParcelShipped("second", 1));
        await Eventually.HoldsAsync(() => probe.Sum("eventbus.events.published") == 2, "two events are published");
        probe.Gauge("eventbus.outbox.backlog").Should().Be(0);

        redis.Stop();
        // More than one relay batch (100 in these tests), so the relay counts the waiting rows instead of seeing them all.
        for (var i = 0; i < 150; i++)
        {
            await shipping.PublishAsync(new ParcelShipped($"during-{i}", 1));
        }

        await Eventually.HoldsAsync(() => probe.Gauge("eventbus.outbox.backlog") == 150, "the backlog holds the 150 events waiting");
        probe.Sum("eventbus.events.published").Should().Be(2);

        redis.Start();
        await Eventually.HoldsAsync(() => probe.Gauge("eventbus.outbox.backlog") == 0, "the backlog drains", seconds: 15);
        probe.Sum("eventbus.events.published").Should().Be(152);
    }

    [Fact]
    public async Task Consumer_lag_dead_letters_and_outcomes_are_reported_by_stream_and_type()
    {
        var stream = prefix + "shipping";
        await using (var connection = await redis.ConnectAsync())
        {
            var db = connection.GetDatabase();
            await db.StreamCreateConsumerGroupAsync(stream, "billing", "0", createStream: true);
            foreach (var parcel in new[] { "held-1", "poison", "P-1" })
            {
                await db.StreamAddAsync(stream, RedisStreams.Fields(EventEnvelope.Wrap(new ParcelShipped(parcel, 1), "shipping")));
            }

            await db.StreamAddAsync(stream, RedisStreams.Fields(EventEnvelope.Wrap(new ParcelSigned("P-1"), "shipping")));
        }

        var billing = await StartAsync("billing", ["shipping"]);
        using var probe = new MetricsProbe(billing.Services);

        // The consumer read the group's position before it took the entries, and now holds on the first.
        await Eventually.HoldsAsync(() => billing.Behaviour.Attempts.ContainsKey("held-1"), "the first event is being handled");
        probe.Gauge("eventbus.consumer.lag", StreamTag + stream).Should().Be(4, "four entries were waiting for the group");
        billing.Behaviour.Release.SetResult();

        await Eventually.HoldsAsync(() => probe.Gauge("eventbus.dead_letters.length") == 1, "the poison event is counted in the dead letters");
        await Eventually.HoldsAsync(() => probe.Gauge("eventbus.consumer.lag", StreamTag + stream) == 0, "the lag is gone");
        probe.Gauge("eventbus.consumer.pending", StreamTag + stream).Should().Be(0);
        probe.Sum("eventbus.dead_letters.added", StreamTag + stream).Should().Be(1);
        probe.Sum("eventbus.events.applied", "event.type=ParcelShipped").Should().Be(2, "held-1 and P-1 are applied");
        probe.Sum("eventbus.events.failed", "event.type=ParcelShipped").Should().Be(3, "MaxDeliveries is 3");
        probe.Sum("eventbus.events.skipped", "event.type=ParcelSigned", "reason=unhandled").Should().Be(1);
        probe.Records("eventbus.handler.duration", "event.type=ParcelShipped").Should().Be(5);
    }

    public async Task DisposeAsync()
    {
        foreach (var service in services)
        {
            await service.DisposeAsync();
        }

        redis.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
