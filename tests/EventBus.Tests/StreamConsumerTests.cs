using EventBus.Redis.DeadLetters;
using EventBus.Redis.Inbox;
using EventBus.Redis.Streams;
using FreeRedis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventBus.Tests;

/// <summary>A "shipping" service publishes; a "billing" service consumes through its group.</summary>
public sealed class StreamConsumerTests : IAsyncLifetime
{
    private readonly RedisServer redis = new();
    private readonly string prefix = $"t{Guid.NewGuid():N}:";
    private readonly string directory = Directory.CreateTempSubdirectory("eventbus-consumer-").FullName;
    private readonly List<TestService> services = [];
    private RedisClient client = null!;

    private string Stream => prefix + "shipping";

    public Task InitializeAsync()
    {
        client = new RedisClient(redis.ConnectionString);
        return Task.CompletedTask;
    }

    private async Task<TestService> StartBillingAsync(string database = "billing.db")
    {
        var service = new TestService(redis.ConnectionString, prefix, "billing", Path.Combine(directory, database), consumes: ["shipping"]);
        services.Add(service);
        await service.StartAsync();
        return service;
    }

    /// <summary>Puts an event on the shipping stream as the shipping service's relay would.</summary>
    private string Append(EventEnvelope envelope) =>
        client.XAdd(Stream, RedisStreams.Fields(envelope));

    private static EventEnvelope Envelope(IntegrationEvent @event) => EventEnvelope.Wrap(@event, "shipping");

    private static Task<int> DeliveriesOf(TestService service, string parcel) =>
        service.QueryAsync(db => db.Deliveries.CountAsync(d => d.Parcel == parcel));

    private long PendingCount() => client.XPending(Stream, "billing").count;

    [Fact]
    public async Task Applies_a_published_event_once_and_acknowledges_it()
    {
        var billing = await StartBillingAsync();
        Append(Envelope(new ParcelShipped("P-1", 2)));

        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "P-1") == 1, "the event is applied");
        await Eventually.HoldsAsync(() => PendingCount() == 0, "the entry is acknowledged");
        (await billing.QueryAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_redelivered_event_has_no_second_effect()
    {
        var billing = await StartBillingAsync();
        var envelope = Envelope(new ParcelShipped("twice", 1));
        Append(envelope);
        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "twice") == 1, "the first delivery is applied");

        // The same event again, as a relay that crashed before marking it published would send it.
        Append(envelope);
        var marker = Envelope(new ParcelShipped("marker", 1));
        Append(marker);
        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "marker") == 1, "a later event is applied");

        (await DeliveriesOf(billing, "twice")).Should().Be(1);
        PendingCount().Should().Be(0, "the duplicate is acknowledged too");
    }

    [Fact]
    public async Task An_event_taken_by_a_consumer_that_died_before_acknowledging_is_redelivered_and_applied_once()
    {
        client.XGroupCreate(Stream, "billing", "0", MkStream: true);
        Append(Envelope(new ParcelShipped("orphan", 5)));
        // A replica reads the entry and dies without acknowledging it.
        var taken = client.XReadGroup("billing", "dead-replica", 10, 0, false, Stream, ">");
        taken.Single().entries.Should().ContainSingle();
        PendingCount().Should().Be(1);

        var billing = await StartBillingAsync();

        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "orphan") == 1, "the orphaned entry is reclaimed and applied");
        await Eventually.HoldsAsync(() => PendingCount() == 0, "the reclaimed entry is acknowledged");
        await Task.Delay(1000);
        (await DeliveriesOf(billing, "orphan")).Should().Be(1);
    }

    [Fact]
    public async Task An_event_applied_but_not_acknowledged_before_a_crash_is_acknowledged_without_a_second_effect()
    {
        var first = await StartBillingAsync();
        var envelope = Envelope(new ParcelShipped("committed", 1));
        Append(envelope);
        await Eventually.HoldsAsync(async () => await DeliveriesOf(first, "committed") == 1, "the event is applied");
        await first.DisposeAsync();
        services.Remove(first);

        // Its effect committed, then the process died before XACK: the entry is pending again.
        Append(envelope);
        client.XReadGroup("billing", "crashed-replica", 10, 0, false, Stream, ">").Should().NotBeEmpty();
        var second = await StartBillingAsync();

        await Eventually.HoldsAsync(() => PendingCount() == 0, "the entry is reclaimed and acknowledged");
        (await DeliveriesOf(second, "committed")).Should().Be(1);
    }

    [Fact]
    public async Task A_poison_event_lands_in_the_dead_letter_stream_after_the_maximum_deliveries_and_can_be_replayed()
    {
        var billing = await StartBillingAsync();
        Append(Envelope(new ParcelShipped("poison", 1)));
        Append(Envelope(new ParcelShipped("healthy", 1)));

        var deadLetters = billing.Services.GetRequiredService<DeadLetterQueue>();
        await Eventually.HoldsAsync(() => deadLetters.List("-", 10).Total == 1, "the poison event is dead-lettered");
        billing.Behaviour.Attempts["poison"].Should().Be(3, "MaxDeliveries is 3");
        (await DeliveriesOf(billing, "healthy")).Should().Be(1, "one poison event does not hold up the others");
        PendingCount().Should().Be(0);
        var letter = deadLetters.List("-", 10).Items.Single();
        letter.Stream.Should().Be(Stream);
        letter.Deliveries.Should().Be(3);
        letter.Error.Should().Contain("Parcel 'poison' cannot be delivered.");
        letter.Event["type"].Should().Be("ParcelShipped");

        billing.Behaviour.Cured = true;
        deadLetters.Replay(letter);

        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "poison") == 1, "the replayed event is applied");
        deadLetters.List("-", 10).Total.Should().Be(0);
    }

    [Fact]
    public async Task Dead_letters_are_listed_page_by_page_after_a_cursor()
    {
        var billing = await StartBillingAsync();
        var deadLetters = billing.Services.GetRequiredService<DeadLetterQueue>();
        foreach (var n in new[] { "1-0", "2-0", "3-0" })
        {
            deadLetters.Add(Stream, "billing", n, 5, null, $"failure {n}");
        }

        var first = deadLetters.List("-", 2);
        first.Items.Select(l => l.EntryId).Should().Equal("1-0", "2-0");
        first.Total.Should().Be(3);
        deadLetters.List(first.Items[^1].Id, 2).Items.Select(l => l.EntryId).Should().Equal("3-0");
        deadLetters.List("18446744073709551615-18446744073709551615", 2).Items.Should().BeEmpty("nothing comes after the last possible id");
    }

    [Fact]
    public async Task An_unreadable_entry_goes_straight_to_the_dead_letters_and_an_unhandled_type_is_skipped()
    {
        var billing = await StartBillingAsync();
        client.XAdd(Stream, "garbage", "no envelope here");
        Append(Envelope(new ParcelSigned("P-9")));
        Append(Envelope(new ParcelShipped("after", 1)));

        await Eventually.HoldsAsync(async () => await DeliveriesOf(billing, "after") == 1, "later events still flow");
        var deadLetters = billing.Services.GetRequiredService<DeadLetterQueue>();
        var letter = deadLetters.List("-", 10).Items.Should().ContainSingle().Subject;
        letter.Error.Should().Contain("no event id");
        DeadLetterQueue.IsReadable(letter).Should().BeFalse();
        PendingCount().Should().Be(0);
        (await billing.QueryAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(1, "only the handled event is recorded");
    }

    [Fact]
    public async Task Replicas_of_one_service_share_the_stream_and_apply_each_event_once()
    {
        var database = "shared.db";
        var replicas = new[] { await StartBillingAsync(database), await StartBillingAsync(database) };
        var parcels = Enumerable.Range(0, 40).Select(i => $"P-{i}").ToList();
        parcels.ForEach(p => Append(Envelope(new ParcelShipped(p, 1))));

        await Eventually.HoldsAsync(async () => await replicas[0].QueryAsync(db => db.Deliveries.CountAsync()) == 40, "all events applied");
        await Eventually.HoldsAsync(() => PendingCount() == 0, "all acknowledged");
        var applied = await replicas[0].QueryAsync(db => db.Deliveries.Select(d => d.Parcel).ToListAsync());
        applied.Should().BeEquivalentTo(parcels, "each event is applied exactly once across replicas");
    }

    public async Task DisposeAsync()
    {
        foreach (var service in services)
        {
            await service.DisposeAsync();
        }

        client.Dispose();
        redis.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}

/// <summary>An event of a type the billing service does not subscribe to.</summary>
public sealed record ParcelSigned(string Parcel) : IntegrationEvent;
