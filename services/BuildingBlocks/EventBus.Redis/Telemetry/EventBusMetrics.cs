using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EventBus.Redis.Streams;

namespace EventBus.Redis.Telemetry;

/// <summary>
/// The event bus's instruments. Gauges report what the relay and the consumer loop last saw: an
/// observation never queries the database or Redis, and a value not yet seen is not reported.
/// </summary>
internal sealed class EventBusMetrics
{
    private const string TypeTag = "event.type";
    private const string StreamTag = "messaging.destination.name";

    private readonly Counter<long> published;
    private readonly Counter<long> applied;
    private readonly Counter<long> skipped;
    private readonly Counter<long> failed;
    private readonly Counter<long> deadLettered;
    private readonly Histogram<double> handlerDuration;
    private readonly ConcurrentDictionary<string, GroupState> groups = new(StringComparer.Ordinal);
    private long outboxBacklog = -1;
    private long deadLetters = -1;

    public EventBusMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(EventBusTelemetry.MeterName);
        published = meter.CreateCounter<long>("eventbus.events.published", "{event}", "Events the outbox relay put on the stream.");
        applied = meter.CreateCounter<long>("eventbus.events.applied", "{event}", "Events applied by this service's handlers.");
        skipped = meter.CreateCounter<long>("eventbus.events.skipped", "{event}",
            "Events acknowledged without applying them: applied before (reason duplicate) or of a type this service does not handle (reason unhandled).");
        failed = meter.CreateCounter<long>("eventbus.events.failed", "{event}", "Attempts to apply an event that threw; the event is retried.");
        deadLettered = meter.CreateCounter<long>("eventbus.dead_letters.added", "{entry}", "Entries moved to the dead-letter stream.");
        handlerDuration = meter.CreateHistogram<double>("eventbus.handler.duration", "ms",
            "Time to apply one event within its batch: its handlers and the save of its changes and inbox row (the batch's commit is shared).");
        meter.CreateObservableGauge("eventbus.outbox.backlog", () => Known(Volatile.Read(ref outboxBacklog)), "{event}",
            "Events committed to the outbox and not yet on the stream, as the relay last saw them.");
        meter.CreateObservableGauge("eventbus.consumer.lag", ObserveLag, "{entry}",
            "Entries of a consumed stream not yet delivered to this service's consumer group.");
        meter.CreateObservableGauge("eventbus.consumer.pending", ObservePending, "{entry}",
            "Entries delivered to this service's consumer group and not yet acknowledged.");
        meter.CreateObservableGauge("eventbus.dead_letters.length", () => Known(Volatile.Read(ref deadLetters)), "{entry}",
            "Entries in this service's dead-letter stream.");
    }

    public void Published(int count) => published.Add(count);

    /// <summary>An event went through the inbox: applied now, or applied before.</summary>
    public void Handled(string type, bool wasApplied, TimeSpan duration)
    {
        if (wasApplied)
        {
            applied.Add(1, new KeyValuePair<string, object?>(TypeTag, type));
        }
        else
        {
            Skipped(type, "duplicate");
        }

        Duration(type, wasApplied ? "applied" : "duplicate", duration);
    }

    public void Skipped(string type, string reason) =>
        skipped.Add(1, new KeyValuePair<string, object?>(TypeTag, type), new KeyValuePair<string, object?>("reason", reason));

    public void Failed(string type, TimeSpan duration)
    {
        failed.Add(1, new KeyValuePair<string, object?>(TypeTag, type));
        Duration(type, "failed", duration);
    }

    public void DeadLettered(string stream) => deadLettered.Add(1, new KeyValuePair<string, object?>(StreamTag, stream));

    public void OutboxBacklog(long count) => Volatile.Write(ref outboxBacklog, count);

    public void ConsumerGroup(string stream, GroupState state) => groups[stream] = state;

    public void DeadLetterCount(long count) => Volatile.Write(ref deadLetters, count);

    private void Duration(string type, string outcome, TimeSpan duration) =>
        handlerDuration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>(TypeTag, type),
            new KeyValuePair<string, object?>("outcome", outcome));

    private IEnumerable<Measurement<long>> ObserveLag() =>
        groups.Where(g => g.Value.Lag is not null)
            .Select(g => new Measurement<long>(g.Value.Lag!.Value, new KeyValuePair<string, object?>(StreamTag, g.Key)));

    private IEnumerable<Measurement<long>> ObservePending() =>
        groups.Select(g => new Measurement<long>(g.Value.Pending, new KeyValuePair<string, object?>(StreamTag, g.Key)));

    private static IEnumerable<Measurement<long>> Known(long value) => value < 0 ? [] : [new Measurement<long>(value)];
}
