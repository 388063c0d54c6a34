using System.Collections.Concurrent;
using EventBus.Redis.Inbox;
using EventBus.Redis.Streams;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TestSupport;

namespace EventBus.Tests;

/// <summary>What the batch observers of a service saw, batch by batch.</summary>
public sealed class BatchLog
{
    /// <summary>The parcels of each batch that completed, in the order the batches completed.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> Completed { get; } = new();

    /// <summary>When set, completing a batch of more than one applied event throws.</summary>
    public bool FailLargeBatches { get; set; }

    /// <summary>For each batch, the parcels its loaders were given and how many its handlers had delivered by then.</summary>
    public ConcurrentQueue<(IReadOnlyList<string> Parcels, int DeliveredBefore)> Loaded { get; } = new();
}

/// <summary>Records the events its batch gave it to read ahead for.</summary>
public sealed class RecordingLoader(BatchLog log, AppliedInBatch batch) : IEventBatchLoader
{
    public Task LoadAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        log.Loaded.Enqueue(([.. events.Cast<ParcelShipped>().Select(e => e.Parcel)], batch.Parcels.Count));
        return Task.CompletedTask;
    }
}

/// <summary>Records the parcels its batch delivered when the batch completes.</summary>
public sealed class RecordingObserver(BatchLog log, AppliedInBatch batch) : IEventBatchObserver
{
    public Task CompletedAsync(CancellationToken cancellationToken)
    {
        if (log.FailLargeBatches && batch.Parcels.Count > 1)
        {
            throw new InvalidOperationException($"A batch of {batch.Parcels.Count} cannot complete.");
        }

        log.Completed.Enqueue([.. batch.Parcels]);
        return Task.CompletedTask;
    }
}

/// <summary>
/// What one read returns is applied as one batch: one transaction, one completion of the observers,
/// then the acknowledgements; a batch that fails is applied again one event at a time.
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

    private async Task<TestService> StartBillingAsync(Dictionary<string, string?>? settings = null)
    {
        var service = new TestService(redis.ConnectionString, prefix, "billing", Path.Combine(directory, "billing.db"), consumes: ["shipping"],
            settings, configure: builder =>
            {
                builder.Services.AddSingleton(log);
                builder.Services.AddScoped<IEventBatchObserver, RecordingObserver>();
                builder.Services.AddScoped<IEventBatchLoader, RecordingLoader>();
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
    public async Task A_poison_event_fails_alone_and_the_others_of_its_batch_commit_as_one_batch_without_it()
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
        log.Completed.Should().BeEquivalentTo(new[] { new[] { "B-1", "B-2", "B-3", "B-4" } }, o => o.WithStrictOrdering(),
            "the batch met the poison and committed nothing; the four others were applied again as one batch, completed once");
        (await billing.QueryAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(4, "the poison has no inbox row");
        var deadLetters = billing.Services.GetRequiredService<EventBus.Redis.DeadLetters.DeadLetterQueue>();
        await Eventually.HoldsAsync(async () => (await deadLetters.ListAsync("-", 10)).Total == 1, "the poison alone is retried until dead-lettered");
        billing.Behaviour.Attempts["poison"].Should().Be(3, "once per delivery");
        billing.Behaviour.Attempts.Where(a => a.Key != "poison").Should().BeEquivalentTo(
            new Dictionary<string, int> { ["B-1"] = 2, ["B-2"] = 2, ["B-3"] = 1, ["B-4"] = 1 },
            "the events before the poison ran in the failed batch and again without it, those after it only without it; none was delivered again");
        (await PendingCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_batch_gives_its_loaders_its_events_not_applied_before_once_and_before_the_first_handler_runs()
    {
        await client.GetDatabase().StreamCreateConsumerGroupAsync(Stream, "billing", "0", createStream: true);
        var first = await AppendAsync("L-1");
        await AppendAsync("L-2");
        await AppendAsync(first);
        await AppendAsync("L-3");

        var billing = await StartBillingAsync();

        await Eventually.HoldsAsync(async () => await PendingCountAsync() == 0 && log.Completed.Count == 1, "the batch is applied and acknowledged");
        log.Loaded.Should().BeEquivalentTo(new[] { (Parcels: new[] { "L-1", "L-2", "L-3" }, DeliveredBefore: 0) },
            o => o.WithStrictOrdering(), "one load for the batch, without the copy of L-1 it holds, before any handler ran");
        log.Completed.Single().Should().Equal("L-1", "L-2", "L-3");

        // Delivered again after its effect committed (a crash before the acknowledgement): nothing is left to read ahead for.
        var copy = await client.GetDatabase().StreamAddAsync(Stream, RedisStreams.Fields(first));
        await Eventually.HoldsAsync(async () => (await client.GetDatabase().StreamGroupInfoAsync(Stream)).Single().LastDeliveredId == copy
            && await PendingCountAsync() == 0, "the copy is read and acknowledged");
        (await DeliveriesOf(billing)).Should().BeEquivalentTo(["L-1", "L-2", "L-3"]);
        log.Loaded.Should().HaveCount(1, "a batch of events applied before loads nothing");
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
        log.Completed.Should().BeEquivalentTo(new[] { new[] { "S-1" }, new[] { "S-2" }, new[] { "S-3" } }, o => o.WithStrictOrdering());
        billing.Behaviour.Attempts.Values.Should().AllBeEquivalentTo(2, "once in the failed batch, once alone");
    }

    /// <summary>
    /// A rival transaction commits the parcel's claim between the handler's read of the claims and its own claim. On
    /// PostgreSQL it commits at once, the batch breaks the claim's key, and the event is applied again at once and reads
    /// the claim. SQLite holds its write lock from the start of every write transaction, so the rival waits for the
    /// batch to commit and then breaks the key itself: the race cannot reach the event there.
    /// </summary>
    [Fact]
    public async Task An_event_whose_row_another_transaction_committed_first_is_applied_again_at_once_and_reads_that_row()
    {
        // No retry of pending entries within the test: only applying the event again at once can apply it.
        var billing = await StartBillingAsync(new() { ["EventBus:RetryAfter"] = "01:00:00" });
        var onPostgres = Environment.GetEnvironmentVariable("TEST_POSTGRES") is not null;
        var rivals = 0;
        Task? rival = null;
        billing.Behaviour.Rival = parcel =>
        {
            if (Interlocked.Increment(ref rivals) == 1)
            {
                // On a thread of its own: on SQLite its wait for the write lock blocks the thread that waits.
                rival = Task.Run(() => billing.QueryAsync(db =>
                {
                    db.Claims.Add(new Claim { Parcel = parcel });
                    return db.SaveChangesAsync();
                }));
            }

            return onPostgres ? rival! : Task.CompletedTask;
        };

        await AppendAsync("contested-1");

        await Eventually.HoldsAsync(async () => (await DeliveriesOf(billing)).Count == 1 && await PendingCountAsync() == 0,
            "the event is applied and acknowledged");
        (await DeliveriesOf(billing)).Should().Equal("contested-1");
        (await billing.QueryAsync(db => db.Claims.Select(c => c.Parcel).ToListAsync())).Should().Equal("contested-1");
        rivals.Should().Be(1, "the second run found the claim and made none");
        (await billing.QueryAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(1);
        if (onPostgres)
        {
            billing.Behaviour.Attempts["contested-1"].Should().Be(2, "its first run broke the claim's key and was rolled back; its second read the claim");
            return;
        }

        billing.Behaviour.Attempts["contested-1"].Should().Be(1, "the rival waited for the batch's write lock");
        var rivalSave = () => rival!;
        (await rivalSave.Should().ThrowAsync<DbUpdateException>()).Which.Should().Match<DbUpdateException>(e => UniqueViolation.IsUniqueViolation(e),
            "the rival, let in once the batch committed, broke the claim's key itself");
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
