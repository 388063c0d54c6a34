using System.Collections.Concurrent;
using EventBus.Redis.Inbox;
using EventBus.Redis.Streams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TestSupport;

namespace EventBus.Tests;

/// <summary>What the batch observers of a service saw, batch by batch.</summary>
public sealed class BatchLog
{
    public ConcurrentQueue<(int Applied, int RolledBack)> Completed { get; } = new();

    /// <summary>When set, completing a batch of more than one applied event throws.</summary>
    public bool FailLargeBatches { get; set; }
}

/// <summary>Counts what each event of its batch did and records it when the batch completes.</summary>
public sealed class RecordingObserver(BatchLog log) : IEventBatchObserver
{
    private int applied;
    private int rolledBack;

    public void EventApplied() => applied++;

    public void EventRolledBack() => rolledBack++;

    public Task CompletedAsync(CancellationToken cancellationToken)
    {
        if (log.FailLargeBatches && applied > 1)
        {
            throw new InvalidOperationException($"A batch of {applied} cannot complete.");
        }

        log.Completed.Enqueue((applied, rolledBack));
        return Task.CompletedTask;
    }
}

/// <summary>
/// What one read returns is applied as one batch: one transaction, a savepoint per event, one
/// completion of the observers, then the acknowledgements.
/// </summary>
public sealed class BatchTests : IAsyncLifetime
{
    private readonly RedisServer redis = new();
    private readonly string prefix = $"t{Guid.NewGuid():N}:";
    private readonly string directory = Directory.CreateTempSubdirectory("eventbus-batch-").FullName;
    private readonly List<TestService> services = [];
    private readonly BatchLog log = new();
    private ConnectionMultiplexer client = null!;

    private string Stream => prefix + "shipping";

    public async Task InitializeAsync() => client = await redis.ConnectAsync();

    private async Task<TestService> StartBillingAsync()
    {
        var service = new TestService(redis.ConnectionString, prefix, "billing", Path.Combine(directory, "billing.db"), consumes: ["shipping"],
            configure: builder =>
            {
                builder.Services.AddSingleton(log);
                builder.Services.AddScoped<IEventBatchObserver, RecordingObserver>();
            });
        services.Add(service);
        await service.StartAsync();
        return service;
    }

    private async Task<EventEnvelope> AppendAsync(string parcel)
    {
        var envelope = EventEnvelope.Wrap(new ParcelShipped(parcel, 1), "shipping");
        await AppendAsync(envelope);
        return envelope;
    }

    private Task AppendAsync(EventEnvelope envelope) => client.GetDatabase().StreamAddAsync(Stream, RedisStreams.Fields(envelope));

    private static Task<List<string>> DeliveriesOf(TestService service) =>
        service.QueryAsync(db => db.Deliveries.Select(d => d.Parcel).ToListAsync());

    private async Task<long> PendingCountAsync() => (await client.GetDatabase().StreamPendingAsync(Stream, "billing")).PendingMessageCount;

    [Fact]
    public async Task A_poison_event_in_a_batch_is_rolled_back_alone_and_the_others_commit_with_one_completion()
    {
        // Written before the consumer starts, so that its first read returns them all.
        await client.GetDatabase().StreamCreateConsumerGroupAsync(Stream, "billing", "0", createStream: true);
        foreach (var parcel in new[] { "B-1", "B-2", "poison", "B-3", "B-4" })
        {
            await AppendAsync(parcel);
        }

        var billing = await StartBillingAsync();

        await Eventually.HoldsAsync(async () => (await DeliveriesOf(billing)).Count == 4, "the four good events are applied");
        (await DeliveriesOf(billing)).Should().BeEquivalentTo(["B-1", "B-2", "B-3", "B-4"]);
        log.Completed.First().Should().Be((4, 1), "one batch: four events kept, the poison rolled back to its savepoint");
        (await billing.QueryAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(4, "the poison has no inbox row");
        var deadLetters = billing.Services.GetRequiredService<EventBus.Redis.DeadLetters.DeadLetterQueue>();
        await Eventually.HoldsAsync(async () => (await deadLetters.ListAsync("-", 10)).Total == 1, "the poison alone is retried until dead-lettered");
        billing.Behaviour.Attempts["poison"].Should().Be(3);
        billing.Behaviour.Attempts.Where(a => a.Key != "poison").Should().OnlyContain(a => a.Value == 1, "the good events were acknowledged at once");
        (await PendingCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_whole_batch_delivered_again_after_a_crash_before_its_acknowledgement_has_no_second_effect()
    {
        var first = await StartBillingAsync();
        var envelopes = new List<EventEnvelope>();
        foreach (var parcel in new[] { "R-1", "R-2", "R-3", "R-4", "R-5" })
        {
            envelopes.Add(await AppendAsync(parcel));
        }

        await Eventually.HoldsAsync(async () => (await DeliveriesOf(first)).Count == 5, "the batch is applied");
        await first.DisposeAsync();
        services.Remove(first);
        var completions = log.Completed.Count;

        // Its effects committed, then the process died before XACK: the whole batch is pending again with a dead replica.
        foreach (var envelope in envelopes)
        {
            await AppendAsync(envelope);
        }

        (await client.GetDatabase().StreamReadGroupAsync(Stream, "billing", "crashed-replica", ">", 10)).Should().HaveCount(5);
        var second = await StartBillingAsync();

        await Eventually.HoldsAsync(async () => await PendingCountAsync() == 0, "the redelivered batch is claimed and acknowledged");
        (await DeliveriesOf(second)).Should().BeEquivalentTo(["R-1", "R-2", "R-3", "R-4", "R-5"], "each event took effect once");
        log.Completed.Count.Should().Be(completions, "a batch of events applied before completes nothing");
    }

    [Fact]
    public async Task A_batch_that_cannot_complete_is_rolled_back_and_its_events_are_applied_one_at_a_time()
    {
        log.FailLargeBatches = true;
        await client.GetDatabase().StreamCreateConsumerGroupAsync(Stream, "billing", "0", createStream: true);
        foreach (var parcel in new[] { "S-1", "S-2", "S-3" })
        {
            await AppendAsync(parcel);
        }

        var billing = await StartBillingAsync();

        await Eventually.HoldsAsync(async () => (await DeliveriesOf(billing)).Count == 3, "every event is applied on its own");
        await Eventually.HoldsAsync(async () => await PendingCountAsync() == 0, "and acknowledged");
        (await DeliveriesOf(billing)).Should().BeEquivalentTo(["S-1", "S-2", "S-3"], "the failed batch left nothing behind");
        log.Completed.Should().Equal([(1, 0), (1, 0), (1, 0)]);
        billing.Behaviour.Attempts.Values.Should().AllBeEquivalentTo(2, "once in the failed batch, once alone");
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
