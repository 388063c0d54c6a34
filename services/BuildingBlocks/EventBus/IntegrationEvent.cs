namespace EventBus;

/// <summary>
/// Base of every integration event: a past-tense positional record (<c>QualificationGranted</c>)
/// carrying ids and the few facts a consumer needs. On the wire it travels in an
/// <see cref="EventEnvelope"/> named by the record's type name.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique id; consumers use it to apply the event once.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>When the change happened at the publisher.</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// The schema version of an event record (1 when absent). Raise it when a field changes meaning;
/// adding an optional field keeps the version.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SchemaVersionAttribute(int version) : Attribute
{
    public int Version { get; } = version;
}
