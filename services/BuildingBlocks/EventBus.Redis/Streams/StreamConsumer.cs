using System.Collections.Concurrent;
using EventBus.Redis.DeadLetters;
using EventBus.Redis.Inbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventBus.Redis.Streams;

/// <summary>
/// Reads the subscribed streams through this service's consumer group, so replicas share the work.
/// An entry is acknowledged only after its effect has committed (or when it was applied before, or
/// is of a type this service does not handle). A failed entry stays pending; entries pending longer
/// than RetryAfter, with this or a dead replica, are claimed and tried again, and after
/// MaxDeliveries deliveries moved to the dead-letter stream.
/// </summary>
internal sealed partial class StreamConsumer(RedisStreams streams, InboxProcessor inbox, DeadLetterQueue deadLetters,
    IOptions<EventBusSubscriptions> subscriptions, IOptions<RedisEventBusOptions> options, ILogger<StreamConsumer> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private readonly ConcurrentDictionary<string, string> lastErrors = new();
    private readonly RedisEventBusOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sources = subscriptions.Value.Sources.Order(StringComparer.Ordinal).Select(settings.StreamOf).ToList();
        if (sources.Count == 0)
        {
            return;
        }

        var group = settings.ServiceName;
        var failures = 0;
        var groupsReady = false;
        var nextReclaim = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupsReady)
                {
                    sources.ForEach(stream => streams.EnsureGroup(stream, group));
                    groupsReady = true;
                }

                if (DateTimeOffset.UtcNow >= nextReclaim)
                {
                    foreach (var stream in sources)
                    {
                        await ReclaimAsync(stream, group, stoppingToken);
                    }

                    nextReclaim = DateTimeOffset.UtcNow + settings.RetryAfter / 2;
                }

                var block = TimeSpan.FromMilliseconds(Math.Clamp(settings.RetryAfter.TotalMilliseconds / 2, 50, 1000));
                var entries = await Task.Run(() => streams.ReadNew(sources, group, settings.ConsumerName, BatchSize, block), stoppingToken);
                foreach (var entry in entries)
                {
                    await ProcessAsync(entry, group, stoppingToken);
                }

                failures = 0;
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

    /// <summary>Claims entries idle past RetryAfter and retries them; dead-letters those delivered too often.</summary>
    private async Task ReclaimAsync(string stream, string group, CancellationToken cancellationToken)
    {
        var stale = streams.Pending(stream, group, BatchSize).Where(p => p.Idle >= settings.RetryAfter).ToList();
        foreach (var pending in stale.Where(p => p.Deliveries >= settings.MaxDeliveries))
        {
            var entry = streams.Read(stream, pending.Id);
            lastErrors.TryRemove(pending.Id, out var error);
            deadLetters.Add(stream, group, pending.Id, pending.Deliveries, entry, error ?? "No error recorded by this replica.");
            streams.Ack(stream, group, pending.Id);
            LogDeadLettered(logger, pending.Id, stream, pending.Deliveries);
        }

        var retry = stale.Where(p => p.Deliveries < settings.MaxDeliveries).Select(p => p.Id).ToList();
        foreach (var entry in streams.Claim(stream, group, settings.ConsumerName, settings.RetryAfter, retry))
        {
            await ProcessAsync(entry, group, cancellationToken);
        }
    }

    private async Task ProcessAsync(StreamEntry entry, string group, CancellationToken cancellationToken)
    {
        if (entry.Envelope is not { } envelope)
        {
            // Nothing can ever read it: straight to the dead letters.
            deadLetters.Add(entry.Stream, group, entry.Id, 1, entry, entry.Malformed!);
            streams.Ack(entry.Stream, group, entry.Id);
            LogDeadLettered(logger, entry.Id, entry.Stream, 1);
            return;
        }

        if (!inbox.Handles(envelope))
        {
            streams.Ack(entry.Stream, group, entry.Id);
            return;
        }

        try
        {
            var applied = await inbox.ApplyAsync(envelope, cancellationToken);
            streams.Ack(entry.Stream, group, entry.Id);
            lastErrors.TryRemove(entry.Id, out _);
            LogHandled(logger, envelope.Type, envelope.Id, applied);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            lastErrors[entry.Id] = $"{e.GetType().Name}: {e.Message}";
            LogHandlerFailed(logger, e, envelope.Type, envelope.Id, entry.Id);
        }
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
