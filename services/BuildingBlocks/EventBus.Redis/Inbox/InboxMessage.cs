using Persistence.Audit;

namespace EventBus.Redis.Inbox;

/// <summary>An event this service has applied, recorded in the same transaction as its effect.</summary>
[NotAudited]
public sealed class InboxMessage
{
    private InboxMessage()
    {
    }

    public InboxMessage(Guid eventId, string type, string source, DateTimeOffset appliedAt)
    {
        EventId = eventId;
        Type = type;
        Source = source;
        AppliedAt = appliedAt;
    }

    public Guid EventId { get; private set; }
    public string Type { get; private set; } = "";
    public string Source { get; private set; } = "";
    public DateTimeOffset AppliedAt { get; private set; }
}
