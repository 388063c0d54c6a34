using System.Collections.Concurrent;
using System.Diagnostics;
using EventBus.Redis.DeadLetters;
using EventBus.Redis.Inbox;
using EventBus.Redis.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventBus.Redis.Streams;

/// <summary>
/// Reads the subscribed streams through this service's consumer group, so replicas share the work.
/// What one read returns (up to 50 entries) is applied as one batch, in one transaction (see
/// <see cref="InboxProcessor"/>). An entry is acknowledged only after its effect has committed (or
/// when it was applied before, or is of a type this service does not handle). A failed entry stays pending; entries pending longer
/// than RetryAfter, with this or a dead replica, are claimed and tried again, and after
/// MaxDeliveries deliveries moved to the dead-letter stream.
/// </summary>
/// <remarks>
/// The multiplexer shares one connection, so reads never block in Redis (no XREADGROUP BLOCK):
/// after an empty read the loop sleeps until a publisher's wake-up on the stream's channel, or a
/// short poll, whichever comes first.
/// </remarks>
internal sealed partial class StreamConsumer(RedisStreams streams, InboxProcessor inbox, DeadLetterQueue deadLetters, EventBusMetrics metrics,
    IOptions<EventBusSubscriptions> subscriptions, IOptions<RedisEventBusOptions> options, ILogger<StreamConsumer> logger) : BackgroundService
{
    /// <summary>
    /// Entries read (and applied as one batch) at a time: a batch's fixed cost (its reads ahead, save, counters and
    /// refresh, commit, acknowledgement) is shared by up to this many events when a backlog waits.
    /// </summary>
    private const int BatchSize = 200;
    private readonly ConcurrentDictionary<string, string> lastErrors = new();
    private readonly RedisEventBusOptions settings = options.Value;
    private readonly Signal appended = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sources = subscriptions.Value.Sources.Order(StringComparer.Ordinal).Select(settings.StreamOf).ToList();
        if (sources.Count == 0)
        {
            return;
        }

        var group = settings.ServiceName;
        // Polling bounds how late an entry without a wake-up (a lost one, another writer's) is read.
        var poll = TimeSpan.FromMilliseconds(Math.Min(settings.StreamPollInterval.TotalMilliseconds, Math.Max(settings.RetryAfter.TotalMilliseconds / 2, 250)));
        var housekeeping = TimeSpan.FromMilliseconds(Math.Min(settings.RetryAfter.TotalMilliseconds / 2, 5000));
        var failures = 0;
        var subscribed = false;
        var groupsReady = false;
        var nextHousekeeping = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!subscribed)
                {
                    // Once only: the multiplexer keeps the subscription even when this call fails.
                    subscribed = true;
                    await streams.SubscribeAsync(sources, appended.Notify);
                }

                if (!groupsReady)
                {
                    foreach (var stream in sources)
                    {
                        await streams.EnsureGroupAsync(stream, group);
                    }

                    groupsReady = true;
                }

                if (DateTimeOffset.UtcNow >= nextHousekeeping)
                {
                    await HousekeepAsync(sources, group, stoppingToken);
                    nextHousekeeping = DateTimeOffset.UtcNow + housekeeping;
                }

                var entries = await streams.ReadNewAsync(sources, group, settings.ConsumerName, BatchSize);
                await ProcessAsync(entries, group, stoppingToken);

                failures = 0;
                if (entries.Count == 0)
                {
                    await appended.WaitAsync(poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Redis unreachable, or restarted without its data (the group must be made again).
                failures++;
                groupsReady = false;
                LogReadFailed(logger, e, failures);
                await Pause.ForAsync(Pause.Backoff(failures), stoppingToken);
            }
        }
    }

    /// <summary>Retries or dead-letters stale entries, and takes the readings the gauges report.</summary>
    private async Task HousekeepAsync(IReadOnlyList<string> sources, string group, CancellationToken cancellationToken)
    {
        foreach (var stream in sources)
        {
            await ReclaimAsync(stream, group, cancellationToken);
            if (await streams.GroupStateAsync(stream, group) is { } state)
            {
                metrics.ConsumerGroup(stream, state);
            }
        }

        metrics.DeadLetterCount(await deadLetters.CountAsync());
    }

    /// <summary>Claims entries idle past RetryAfter and retries them; dead-letters those delivered too often.</summary>
    private async Task ReclaimAsync(string stream, string group, CancellationToken cancellationToken)
    {
        var stale = (await streams.PendingAsync(stream, group, BatchSize)).Where(p => p.Idle >= settings.RetryAfter).ToList();
        foreach (var pending in stale.Where(p => p.Deliveries >= settings.MaxDeliveries))
        {
            var entry = await streams.ReadAsync(stream, pending.Id);
            lastErrors.TryRemove(pending.Id, out var error);
            await DeadLetterAsync(stream, group, pending.Id, pending.Deliveries, entry, error ?? "No error recorded by this replica.");
        }

        var retry = stale.Where(p => p.Deliveries < settings.MaxDeliveries).Select(p => p.Id).ToList();
        await ProcessAsync(await streams.ClaimAsync(stream, group, settings.ConsumerName, settings.RetryAfter, retry), group, cancellationToken);
    }

    /// <summary>
    /// Applies what one read returned as one batch (see <see cref="InboxProcessor"/>), then acknowledges
    /// every entry whose effect has committed, was there before, or that this service does not handle.
    /// A failed entry stays pending for a retry.
    /// </summary>
    private async Task ProcessAsync(IReadOnlyList<StreamEntry> entries, string group, CancellationToken cancellationToken)
    {
        var handled = new List<StreamEntry>(entries.Count);
        var unhandled = new List<StreamEntry>();
        foreach (var entry in entries)
        {
            if (entry.Envelope is not { } envelope)
            {
                // Nothing can ever read it: straight to the dead letters.
                await DeadLetterAsync(entry.Stream, group, entry.Id, 1, entry, entry.Malformed!);
            }
            else if (!inbox.Handles(envelope))
            {
                unhandled.Add(entry);
                metrics.Skipped(envelope.Type, "unhandled");
            }
            else
            {
                handled.Add(entry);
            }
        }

        foreach (var stream in unhandled.GroupBy(e => e.Stream, StringComparer.Ordinal))
        {
            await streams.AckAsync(stream.Key, group, stream.Select(e => e.Id).ToList());
        }

        if (handled.Count == 0)
        {
            return;
        }

        var results = await inbox.ApplyAsync(handled, group, cancellationToken);
        try
        {
            // After the commit, outside the handlers: Redis failing here is the loop's to retry, not the handlers' fault.
            // Each acknowledgement runs in its event's activity; the multiplexer pipelines them.
            await Task.WhenAll(results.Select(result => CompleteAsync(result, group)));
        }
        finally
        {
            foreach (var result in results)
            {
                result.Activity?.Dispose();
            }
        }
    }

    private async Task CompleteAsync(InboxResult result, string group)
    {
        var envelope = result.Entry.Envelope!;
        if (result.Outcome == InboxOutcome.Failed)
        {
            metrics.Failed(envelope.Type, result.Duration);
            lastErrors[result.Entry.Id] = $"{result.Error!.GetType().Name}: {result.Error.Message}";
            LogHandlerFailed(logger, result.Error, envelope.Type, envelope.Id, result.Entry.Id);
            return;
        }

        var applied = result.Outcome == InboxOutcome.Applied;
        metrics.Handled(envelope.Type, applied, result.Duration);
        lastErrors.TryRemove(result.Entry.Id, out _);
        LogHandled(logger, envelope.Type, envelope.Id, applied);
        Activity.Current = result.Activity;
        await streams.AckAsync(result.Entry.Stream, group, result.Entry.Id);
    }

    private async Task DeadLetterAsync(string stream, string group, string entryId, long deliveries, StreamEntry? entry, string error)
    {
        await deadLetters.AddAsync(stream, group, entryId, deliveries, entry, error);
        await streams.AckAsync(stream, group, entryId);
        metrics.DeadLettered(stream);
        LogDeadLettered(logger, entryId, stream, deliveries);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Event {Type} {EventId}: applied {Applied}")]
    private static partial void LogHandled(ILogger logger, string type, Guid eventId, bool applied);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "Handling event {Type} {EventId} (entry {EntryId}) failed; it stays pending and will be retried")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string type, Guid eventId, string entryId);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "Entry {EntryId} of {Stream} moved to the dead letters after {Deliveries} deliveries")]
    private static partial void LogDeadLettered(ILogger logger, string entryId, string stream, long deliveries);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Reading the event streams failed ({Failures} in a row); retrying")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, int failures);
}
