using TestSupport;
using EventBus.Redis.DeadLetters;
using EventBus.Redis.Inbox;
using EventBus.Redis.Streams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace EventBus.Tests;

/// <summary>A "shipping" service publishes; a "billing" service consumes through its group.</summary>
public sealed class StreamConsumerTests : IAsyncLifetime
{
    private readonly RedisServer redis = new();
    private readonly string prefix = $"t{Guid.NewGuid():N}:";
    private readonly string directory = Directory.CreateTempSubdirectory("eventbus-consumer-").FullName;
    private readonly List<TestService> services = [];
    private ConnectionMultiplexer client = null!;

    private string Stream => prefix + "shipping";

    private IDatabase Db => client.GetDatabase();

    public async Task InitializeAsync() => client = await redis.ConnectAsync();

    private async Task<TestService> StartBillingAsync(string database = "billing.db")
    {
        var service = new TestService(redis.ConnectionString, prefix, "billing", Path.Combine(directory, database), consumes: ["shipping"]);
        services.Add(service);
        await service.StartAsync();
        return service;
    }

    /// <summary>Puts an event on the shipping stream as the shipping service's relay would.</summary>
    private async Task<string> AppendAsync(EventEnvelope envelope) =>
        (string)(await Db.StreamAddAsync(Stream, RedisStreams.Fields(envelope)))!;

    private static EventEnvelope Envelope(IntegrationEvent @event) => EventEnvelope.Wrap(@event, "shipping");

    private static Task<int> DeliveriesOf(TestService service, string parcel) =>
        service.QueryAsync(db => db.Deliveries.CountAsync(d => d.Parcel == parcel));

    private async Task<long> PendingCountAsync() => (await Db.StreamPendingAsync(Stream, "billing")).PendingMessageCount;

    [Fact]
    public async Task Applies_a_published_event_once_and_acknowledges_it()
    {
        var billing = await StartBillingAsync();
        await AppendAsync(Envelope(new ParcelShipped("P-1", 2)));

        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "P-1") == 1, "the event is applied");
        await Eventually.HoldsAsync(async () => await PendingCountAsync() == 0, "the entry is acknowledged");
        (await billing.QueryAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_redelivered_event_has_no_second_effect()
    {
        var billing = await StartBillingAsync();
        var envelope = Envelope(new ParcelShipped("twice", 1));
        await AppendAsync(envelope);
        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "twice") == 1, "the first delivery is applied");

        // The same event again, as a relay that crashed before marking it published would send it.
        await AppendAsync(envelope);
        var marker = Envelope(new ParcelShipped("marker", 1));
        await AppendAsync(marker);
        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "marker") == 1, "a later event is applied");

        (await DeliveriesOf(billing, "twice")).Should().Be(1);
        (await PendingCountAsync()).Should().Be(0, "the duplicate is acknowledged too");
    }

    [Fact]
    public async Task An_event_taken_by_a_consumer_that_died_before_acknowledging_is_redelivered_and_applied_once()
    {
        await Db.StreamCreateConsumerGroupAsync(Stream, "billing", "0", createStream: true);
        await AppendAsync(Envelope(new ParcelShipped("orphan", 5)));
        // A replica reads the entry and dies without acknowledging it.
        var taken = await Db.StreamReadGroupAsync(Stream, "billing", "dead-replica", ">", 10);
        taken.Should().ContainSingle();
        (await PendingCountAsync()).Should().Be(1);

        var billing = await StartBillingAsync();

        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "orphan") == 1, "the orphaned entry is reclaimed and applied");
        await Eventually.HoldsAsync(async () => await PendingCountAsync() == 0, "the reclaimed entry is acknowledged");
        await Task.Delay(1000);
        (await DeliveriesOf(billing, "orphan")).Should().Be(1);
    }

    [Fact]
    public async Task An_event_applied_but_not_acknowledged_before_a_crash_is_acknowledged_without_a_second_effect()
    {
        var first = await StartBillingAsync();
        var envelope = Envelope(new ParcelShipped("committed", 1));
        await AppendAsync(envelope);
        await Eventually.HoldsAsync(async () => await DeliveriesOf(first, "committed") == 1, "the event is applied");
        await first.DisposeAsync();
        services.Remove(first);

        // Its effect committed, then the process died before XACK: the entry is pending again.
        await AppendAsync(envelope);
        (await Db.StreamReadGroupAsync(Stream, "billing", "crashed-replica", ">", 10)).Should().NotBeEmpty();
        var second = await StartBillingAsync();

        await Eventually.HoldsAsync(async () => await PendingCountAsync() == 0, "the entry is reclaimed and acknowledged");
        (await DeliveriesOf(second, "committed")).Should().Be(1);
    }

    [Fact]
    public async Task A_poison_event_lands_in_the_dead_letter_stream_after_the_maximum_deliveries_and_can_be_replayed()
    {
        var billing = await StartBillingAsync();
        await AppendAsync(Envelope(new ParcelShipped("poison", 1)));
        await AppendAsync(Envelope(new ParcelShipped("healthy", 1)));

        var deadLetters = billing.Services.GetRequiredService<DeadLetterQueue>();
        await Eventually.HoldsAsync(async () => (await deadLetters.ListAsync("-", 10)).Total == 1, "the poison event is dead-lettered");
        billing.Behaviour.Attempts["poison"].Should().Be(3, "MaxDeliveries is 3");
        (await DeliveriesOf(billing, "healthy")).Should().Be(1, "one poison event does not hold up the others");
        (await PendingCountAsync()).Should().Be(0);
        var letter = (await deadLetters.ListAsync("-", 10)).Items.Single();
        letter.Stream.Should().Be(Stream);
        letter.Deliveries.Should().Be(3);
        letter.Error.Should().Contain("Parcel 'poison' cannot be delivered.");
        letter.Event["type"].Should().Be("ParcelShipped");

        billing.Behaviour.Cured = true;
        await deadLetters.ReplayAsync(letter);

        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "poison") == 1, "the replayed event is applied");
        (await deadLetters.ListAsync("-", 10)).Total.Should().Be(0);
    }

    [Fact]
    public async Task Dead_letters_are_listed_page_by_page_after_a_cursor()
    {
        var billing = await StartBillingAsync();
        var deadLetters = billing.Services.GetRequiredService<DeadLetterQueue>();
        foreach (var n in new[] { "1-0", "2-0", "3-0" })
        {
            await deadLetters.AddAsync(Stream, "billing", n, 5, null, $"failure {n}");
        }

        var first = await deadLetters.ListAsync("-", 2);
        first.Items.Select(l => l.EntryId).Should().Equal("1-0", "2-0");
        first.Total.Should().Be(3);
        (await deadLetters.ListAsync(first.Items[^1].Id, 2)).Items.Select(l => l.EntryId).Should().Equal("3-0");
        (await deadLetters.ListAsync("18446744073709551615-18446744073709551615", 2)).Items.Should().BeEmpty("nothing comes after the last possible id");
    }

    [Fact]
    public async Task An_unreadable_entry_goes_straight_to_the_dead_letters_and_an_unhandled_type_is_skipped()
    {
        var billing = await StartBillingAsync();
        await Db.StreamAddAsync(Stream, "garbage", "no envelope here");
        await AppendAsync(Envelope(new ParcelSigned("P-9")));
        await AppendAsync(Envelope(new ParcelShipped("after", 1)));

        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "after") == 1, "later events still flow");
        var deadLetters = billing.Services.GetRequiredService<DeadLetterQueue>();
        var letter = (await deadLetters.ListAsync("-", 10)).Items.Should().ContainSingle().Subject;
        letter.Error.Should().Contain("no event id");
        DeadLetterQueue.IsReadable(letter).Should().BeFalse();
        (await PendingCountAsync()).Should().Be(0);
        (await billing.QueryAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(1, "only the handled event is recorded");
    }

    [Fact]
    public async Task Replicas_of_one_service_share_the_stream_and_apply_each_event_once()
    {
        var database = "shared.db";
        var replicas = new[] { await StartBillingAsync(database), await StartBillingAsync(database) };
        var parcels = Enumerable.Range(0, 40).Select(i => $"P-{i}").ToList();
        foreach (var parcel in parcels)
        {
            await AppendAsync(Envelope(new ParcelShipped(parcel, 1)));
        }


        await Eventually.HoldsAsync(async () => await replicas[0].QueryAsync(db => db.Deliveries.CountAsync()) == 40, "all events applied");
        await Eventually.HoldsAsync(async () => await PendingCountAsync() == 0, "all acknowledged");
        var applied = await replicas[0].QueryAsync(db => db.Deliveries.Select(d => d.Parcel).ToListAsync());
        applied.Should().BeEquivalentTo(parcels, "each event is applied exactly once across replicas");
    }

    [Fact]
    public async Task Events_a_relay_publishes_wake_the_consumer_before_its_poll()
    {
        // The consumer polls once a minute; only the relay's wake-up brings an event in within the wait.
        var billing = new TestService(redis.ConnectionString, prefix, "billing", Path.Combine(directory, "billing.db"), consumes: ["shipping"],
            settings: new() { ["EventBus:RetryAfter"] = "01:00:00", ["EventBus:StreamPollInterval"] = "00:01:00" });
        var shipping = new TestService(redis.ConnectionString, prefix, "shipping", Path.Combine(directory, "shipping.db"));
        services.AddRange([billing, shipping]);
        await billing.StartAsync();
        await shipping.StartAsync();
        await shipping.PublishAsync(new ParcelShipped("warm-up", 1));
        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "warm-up") == 1, "the first event is applied");

        for (var i = 0; i < 5; i++)
        {
            await shipping.PublishAsync(new ParcelShipped($"P-{i}", 1));
            await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, $"P-{i}") == 1,
                $"P-{i} is applied on the relay's wake-up, a sixth of the minute's poll", seconds: 10);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var service in services)
        {
            await service.DisposeAsync();
        }

        await client.DisposeAsync();
        redis.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}

/// <summary>An event of a type the billing service does not subscribe to.</summary>
public sealed record ParcelSigned(string Parcel) : IntegrationEvent;
