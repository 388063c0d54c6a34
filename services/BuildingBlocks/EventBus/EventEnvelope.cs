using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventBus;

/// <summary>An integration event as it is stored in an outbox and carried on a stream.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="Type">The event record's type name (<c>QualificationGranted</c>).</param>
/// <param name="OccurredAt">When the change happened.</param>
/// <param name="Source">The publishing service (<c>enterprises</c>); also its stream's name.</param>
/// <param name="SchemaVersion">Version of the payload's schema.</param>
/// <param name="Payload">The event record as JSON (camelCase).</param>
/// <param name="TraceParent">
/// W3C <c>traceparent</c> of the activity that published the event, so that its consumers continue
/// the publisher's trace; null when none was running.
/// </param>
/// <param name="TraceState">W3C <c>tracestate</c> of that activity, if it had one.</param>
public sealed record EventEnvelope(Guid Id, string Type, DateTimeOffset OccurredAt, string Source, int SchemaVersion, string Payload,
    string? TraceParent = null, string? TraceState = null)
{
    /// <summary>Length of a version-00 <c>traceparent</c>.</summary>
    public const int MaxTraceParentLength = 55;

    /// <summary>The longest <c>tracestate</c> W3C asks carriers to keep; a longer one is dropped.</summary>
    public const int MaxTraceStateLength = 512;

    /// <summary>JSON options of every payload: web defaults (camelCase), enums as strings.</summary>
    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The event in an envelope, carrying the trace context of the current activity.</summary>
    public static EventEnvelope Wrap(IntegrationEvent @event, string source)
    {
        var type = @event.GetType();
        var (traceParent, traceState) = Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id.Length: <= MaxTraceParentLength } current
            ? (current.Id, current.TraceStateString is { Length: <= MaxTraceStateLength } state ? state : null)
            : (null, null);
        return new EventEnvelope(@event.Id, type.Name, @event.OccurredAt, source, SchemaVersionOf(type),
            JsonSerializer.Serialize(@event, type, PayloadJson), traceParent, traceState);
    }

    /// <summary>The event record; its id and time are the envelope's, whatever the payload says.</summary>
    public IntegrationEvent Unwrap(Type eventType)
    {
        var @event = (IntegrationEvent?)JsonSerializer.Deserialize(Payload, eventType, PayloadJson)
            ?? throw new JsonException($"The payload of event {Id} ({Type}) is null.");
        return @event with { Id = Id, OccurredAt = OccurredAt };
    }

    public static int SchemaVersionOf(Type eventType) => eventType.GetCustomAttribute<SchemaVersionAttribute>()?.Version ?? 1;
}
