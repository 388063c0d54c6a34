using System.Diagnostics;

namespace EventBus.Redis.Telemetry;

/// <summary>
/// Where the event bus reports traces and metrics. <c>AddRedisEventBus</c> registers both names
/// with OpenTelemetry; they are public for anything else that listens (tests, dashboards).
/// </summary>
public static class EventBusTelemetry
{
    /// <summary>
    /// The activity source of the relay's publish (Producer) and the consumer's process (Consumer)
    /// activities. A process activity's parent is the activity that published the event, carried
    /// in the envelope as W3C trace context, so a handler's work continues the publisher's trace.
    /// </summary>
    public const string ActivitySourceName = "EventBus.Redis";

    /// <summary>The meter of the outbox, consumer and dead-letter instruments (<c>eventbus.*</c>).</summary>
    public const string MeterName = "EventBus.Redis";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>
    /// Wraps one relay batch. A batch has as many parents as events, so it starts its own trace
    /// and links to each publishing activity instead.
    /// </summary>
    internal static Activity? StartPublish(string stream, IReadOnlyList<EventEnvelope> envelopes)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        return Source.StartActivity($"{stream} publish", ActivityKind.Producer, parentContext: default,
            [
                new("messaging.system", "redis"),
                new("messaging.operation.type", "send"),
                new("messaging.destination.name", stream),
                new("messaging.batch.message_count", envelopes.Count),
            ], LinksTo(envelopes));
    }

    /// <summary>
    /// Wraps the work a consumer's batch of several events shares (reading ahead, the one save, the batch observers).
    /// Like a relay batch, it has as many parents as events, so it starts its own trace and links to each publisher.
    /// </summary>
    internal static Activity? StartProcessBatch(string group, IReadOnlyList<EventEnvelope> envelopes)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        return Source.StartActivity($"{group} process batch", ActivityKind.Consumer, parentContext: default,
            [
                new("messaging.system", "redis"),
                new("messaging.operation.type", "process"),
                new("messaging.consumer.group.name", group),
                new("messaging.batch.message_count", envelopes.Count),
            ], LinksTo(envelopes));
    }

    /// <summary>A link to each envelope's publishing activity (those whose trace context can be read).</summary>
    private static List<ActivityLink> LinksTo(IReadOnlyList<EventEnvelope> envelopes)
    {
        var links = new List<ActivityLink>(envelopes.Count);
        foreach (var envelope in envelopes)
        {
            if (ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var context))
            {
                links.Add(new ActivityLink(context));
            }
        }

        return links;
    }

    /// <summary>Wraps the application of one event, as a child of the activity that published it.</summary>
    internal static Activity? StartProcess(string stream, string group, string entryId, EventEnvelope envelope)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var parent);
        return Source.StartActivity($"{envelope.Type} process", ActivityKind.Consumer, parent,
            [
                new("messaging.system", "redis"),
                new("messaging.operation.type", "process"),
                new("messaging.destination.name", stream),
                new("messaging.consumer.group.name", group),
                new("messaging.message.id", envelope.Id.ToString()),
                new("messaging.redis.entry_id", entryId),
            ]);
    }

    internal static void Failed(this Activity? activity, Exception exception)
    {
        activity?.AddException(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
    }
}
