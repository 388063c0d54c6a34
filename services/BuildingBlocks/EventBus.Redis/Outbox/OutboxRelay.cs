using System.Diagnostics;
using EventBus.Redis.Inbox;
using EventBus.Redis.Streams;
using EventBus.Redis.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceDefaults.Hosting;

namespace EventBus.Redis.Outbox;

/// <summary>
/// Moves committed outbox rows to the stream, oldest first, and marks them published. It wakes on
/// every commit that wrote events and polls as a fallback. While Redis is unreachable it keeps the
/// rows and retries with a growing pause, so an outage delays events and never loses them.
/// <para>
/// Every replica runs a relay over the same table, and one relay at a time publishes: a batch is read,
/// published and marked inside one transaction that first takes the outbox's lock (a transaction-level
/// advisory lock on PostgreSQL, the database's write lock on SQLite). A second relay waits for the
/// first one's commit and then reads only rows still unpublished, so a row is published once and the
/// stream keeps the outbox's order; a relay that dies mid-batch releases the lock with its connection,
/// its rows stay unpublished, and the next relay publishes them (the one case of a second publication:
/// the stream took the batch and the commit was lost, which the consumers' inbox absorbs).
/// </para>
/// <para>
/// A round costs three statements and one Redis round trip whatever its size (up to
/// <see cref="RedisEventBusOptions.OutboxBatchSize"/> events): the read through the index of unpublished
/// rows, the XADDs pipelined, and one update marking the batch by its ids.
/// </para>
/// </summary>
internal sealed partial class OutboxRelay(IServiceScopeFactory scopes, RedisStreams streams, OutboxSignal signal, EventBusMetrics metrics,
    IOptions<RedisEventBusOptions> options, TimeProvider clock, ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan BacklogCountInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Full batches in a row that make a backlog (an import's events) whose memory is given back once it is relayed
    /// (<see cref="BatchMemory"/>): the server GC keeps what relaying it grew into, idle. At a million enterprises,
    /// relaying the events of an import of 20,000 left Enterprises idle at 271 MB, where the import itself had left it
    /// at 207 MB, and the next import of 100,000 peaked from there.
    /// </summary>
    public const int BacklogBatches = 10;

    private int fullBatches;
    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;
    private long backlog;
    private long? lastCountedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                await CleanUpAsync(stoppingToken);
                if (failures > 0)
                {
                    LogRecovered(logger, failures);
                    failures = 0;
                }

                if (published == options.Value.OutboxBatchSize)
                {
                    fullBatches++;
                    continue;
                }

                if (fullBatches >= BacklogBatches)
                {
                    BatchMemory.Release();
                }

                fullBatches = 0;
                await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var pause = Pause.Backoff(failures);
                LogPublishFailed(logger, e, failures, pause.TotalMilliseconds);
                await Pause.ForAsync(pause, stoppingToken);
            }
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        await using var transaction = await OutboxLock.TakeAsync(db, cancellationToken);
        var waiting = db.Set<OutboxMessage>().Where(m => m.PublishedAt == null);
        var batch = await waiting.OrderBy(m => m.Id).Take(options.Value.OutboxBatchSize).AsNoTracking().ToListAsync(cancellationToken);
        backlog = await BacklogAsync(waiting, batch.Count, cancellationToken);
        metrics.OutboxBacklog(backlog);
        if (batch.Count == 0)
        {
            return 0;
        }

        var envelopes = batch.Select(m => m.Envelope).ToList();
        using (var activity = EventBusTelemetry.StartPublish(options.Value.StreamOf(options.Value.ServiceName), envelopes))
        {
            try
            {
                await streams.PublishAsync(envelopes);
            }
            catch (Exception e)
            {
                activity.Failed(e);
                throw;
            }
        }

        // One statement marks the batch, its ids one parameter (an array on PostgreSQL, a JSON array on SQLite).
        var now = clock.GetUtcNow();
        var ids = batch.Select(m => m.Id).ToList();
        await db.Set<OutboxMessage>().Where(m => EF.Parameter(ids).Contains(m.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.PublishedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Published(batch.Count);
        backlog = Math.Max(0, backlog - batch.Count);
        metrics.OutboxBacklog(backlog);
        LogPublished(logger, batch.Count);
        return batch.Count;
    }

    /// <summary>
    /// The rows waiting. A batch short of full is all of them. Past a batch they are counted through
    /// the PublishedAt index (the waiting rows, never the table), at most once a second; in between
    /// the last figure stands, less what was published since.
    /// </summary>
    private async Task<long> BacklogAsync(IQueryable<OutboxMessage> waiting, int batchCount, CancellationToken cancellationToken)
    {
        if (batchCount < options.Value.OutboxBatchSize)
        {
            return batchCount;
        }

        if (lastCountedAt is not { } countedAt || Stopwatch.GetElapsedTime(countedAt) >= BacklogCountInterval)
        {
            lastCountedAt = Stopwatch.GetTimestamp();
            return await waiting.LongCountAsync(cancellationToken);
        }

        return Math.Max(backlog, batchCount);
    }

    /// <summary>Deletes published outbox rows and inbox rows past the retention, once an hour.</summary>
    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < nextCleanup)
        {
            return;
        }

        nextCleanup = now.AddHours(1);
        var before = now - options.Value.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        await db.Set<OutboxMessage>().Where(m => m.PublishedAt != null && m.PublishedAt < before).ExecuteDeleteAsync(cancellationToken);
        await db.Set<InboxMessage>().Where(m => m.AppliedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Published {Count} outbox events")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning,
        Message = "Publishing outbox events failed ({Failures} in a row); the events stay in the outbox, retrying in {PauseMs} ms")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int failures, double pauseMs);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Outbox relay publishing again after {Failures} failed attempts")]
    private static partial void LogRecovered(ILogger logger, int failures);
}
