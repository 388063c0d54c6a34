using EventBus;
using Persistence.Audit;

namespace EventBus.Redis.Outbox;

/// <summary>
/// An event waiting to be published, written in the same transaction as the change it reports.
/// The relay marks it published (one update per batch) once the stream has taken it.
/// </summary>
[NotAudited]
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public OutboxMessage(EventEnvelope envelope)
    {
        EventId = envelope.Id;
        Type = envelope.Type;
        OccurredAt = envelope.OccurredAt;
        Source = envelope.Source;
        SchemaVersion = envelope.SchemaVersion;
        Payload = envelope.Payload;
        TraceParent = envelope.TraceParent;
        TraceState = envelope.TraceState;
    }

    /// <summary>Publication order.</summary>
    public long Id { get; private set; }
    public Guid EventId { get; private set; }
    public string Type { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }
    public string Source { get; private set; } = "";
    public int SchemaVersion { get; private set; }
    public string Payload { get; private set; } = "";
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>W3C trace context of the publishing activity, passed on to the consumers.</summary>
    public string? TraceParent { get; private set; }
    public string? TraceState { get; private set; }

    public EventEnvelope Envelope => new(EventId, Type, OccurredAt, Source, SchemaVersion, Payload, TraceParent, TraceState);
}
