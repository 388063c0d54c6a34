using System.Globalization;
using FreeRedis;
using Microsoft.Extensions.Options;

namespace EventBus.Redis.Streams;

/// <summary>An entry read from a stream: its envelope, or why it could not be read as one.</summary>
internal sealed record StreamEntry(string Stream, string Id, EventEnvelope? Envelope, string? Malformed, IReadOnlyDictionary<string, string> Fields);

/// <summary>Redis could not be reached; the call may be retried.</summary>
internal sealed class RedisUnavailableException(string message, Exception? inner) : Exception(message, inner);

/// <summary>An entry delivered to a consumer and not yet acknowledged.</summary>
internal sealed record PendingEntry(string Id, string Consumer, TimeSpan Idle, long Deliveries);

/// <summary>
/// The only place that speaks Redis (through FreeRedis): publishing, consumer groups, pending
/// entries and dead letters. Everything else works with envelopes and entries, so the client can
/// be swapped here alone.
/// </summary>
internal sealed class RedisStreams : IDisposable
{
    private readonly RedisClient client;
    private readonly RedisEventBusOptions options;

    public RedisStreams(IOptions<RedisEventBusOptions> options)
    {
        this.options = options.Value;
        client = new RedisClient(this.options.Redis);
    }

    /// <summary>
    /// Appends envelopes to their publishers' streams, capped at about MaxStreamLength entries, in
    /// one pipelined round trip. Only an entry id for every envelope proves that Redis took them all.
    /// </summary>
    public void Publish(IReadOnlyList<EventEnvelope> envelopes) => Call(() =>
    {
        using var pipe = client.StartPipe();
        foreach (var envelope in envelopes)
        {
            // A negative length asks FreeRedis for MAXLEN ~ (approximate trimming, cheap).
            pipe.XAdd(options.StreamOf(envelope.Source), -options.MaxStreamLength, "*", Fields(envelope));
        }

        var ids = pipe.EndPipe();
        if (ids.Length != envelopes.Count || ids.Any(id => id is not string { Length: > 0 }))
        {
            throw new RedisUnavailableException($"Redis did not confirm all of {envelopes.Count} events.", ids.OfType<Exception>().FirstOrDefault());
        }
    });

    /// <summary>Adds an entry with the given fields, uncapped (dead letters, replays).</summary>
    public string Add(string stream, IReadOnlyDictionary<string, string> fields) =>
        Call(() => client.XAdd(stream, fields.ToDictionary(f => f.Key, object (f) => f.Value)));

    /// <summary>Creates the consumer group at the start of the stream (and the stream) unless it exists.</summary>
    public void EnsureGroup(string stream, string group) => Call(() =>
    {
        try
        {
            client.XGroupCreate(stream, group, "0", MkStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Created before, by this or another replica.
        }
    });

    /// <summary>New entries for this consumer, waiting up to <paramref name="block"/> for some to arrive.</summary>
    public IReadOnlyList<StreamEntry> ReadNew(IReadOnlyList<string> streams, string group, string consumer, int count, TimeSpan block)
    {
        var keys = streams.ToDictionary(s => s, _ => ">");
        var results = Call(() => client.XReadGroup(group, consumer, count, (long)block.TotalMilliseconds, false, keys));
        return results is null
            ? []
            : results.SelectMany(r => (r.entries ?? []).Select(e => Entry(r.key, e))).ToList();
    }

    public IReadOnlyList<PendingEntry> Pending(string stream, string group, int count) =>
        (Call(() => client.XPending(stream, group, "-", "+", count)) ?? [])
            .Select(p => new PendingEntry(p.id, p.consumer, TimeSpan.FromMilliseconds(p.idle), p.deliveredTimes))
            .ToList();

    /// <summary>Takes over entries idle at least <paramref name="minIdle"/>; each claim counts as a delivery.</summary>
    public IReadOnlyList<StreamEntry> Claim(string stream, string group, string consumer, TimeSpan minIdle, IReadOnlyList<string> ids) =>
        ids.Count == 0
            ? []
            : (Call(() => client.XClaim(stream, group, consumer, (long)minIdle.TotalMilliseconds, [.. ids])) ?? [])
                .Where(e => e is not null)
                .Select(e => Entry(stream, e))
                .ToList();

    public StreamEntry? Read(string stream, string id) =>
        Call(() => client.XRange(stream, id, id, 1)) is [var entry, ..] ? Entry(stream, entry) : null;

    public IReadOnlyList<StreamEntry> Range(string stream, string start, int count) =>
        (Call(() => client.XRange(stream, start, "+", count)) ?? []).Select(e => Entry(stream, e)).ToList();

    public long Length(string stream) => Call(() => client.XLen(stream));

    public void Ack(string stream, string group, string id) => Call(() => client.XAck(stream, group, id));

    public bool Delete(string stream, string id) => Call(() => client.XDel(stream, id) > 0);

    public void Ping() => Call(() => client.Ping());

    public void Dispose() => client.Dispose();

    private static void Call(Action call) => Call(() =>
    {
        call();
        return true;
    });

    /// <summary>
    /// Runs a command. Redis answering with an error stays a <see cref="RedisServerException"/>;
    /// not reaching it at all (refused, broken pipe, timeout: FreeRedis raises several exception
    /// types for these) becomes one <see cref="RedisUnavailableException"/>.
    /// </summary>
    private static T Call<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is not RedisServerException and not RedisUnavailableException)
        {
            throw new RedisUnavailableException($"Redis cannot be reached: {e.Message}", e);
        }
    }

    public static Dictionary<string, object> Fields(EventEnvelope envelope) => new()
    {
        ["id"] = envelope.Id.ToString(),
        ["type"] = envelope.Type,
        ["occurredAt"] = envelope.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
        ["source"] = envelope.Source,
        ["schemaVersion"] = envelope.SchemaVersion.ToString(CultureInfo.InvariantCulture),
        ["payload"] = envelope.Payload,
    };

    private static StreamEntry Entry(string stream, StreamsEntry entry)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < entry.fieldValues.Length; i += 2)
        {
            fields[Convert.ToString(entry.fieldValues[i], CultureInfo.InvariantCulture)!] =
                Convert.ToString(entry.fieldValues[i + 1], CultureInfo.InvariantCulture) ?? "";
        }

        var (envelope, malformed) = Parse(fields);
        return new StreamEntry(stream, entry.id, envelope, malformed, fields);
    }

    private static (EventEnvelope?, string?) Parse(IReadOnlyDictionary<string, string> f)
    {
        if (!f.TryGetValue("id", out var id) || !Guid.TryParse(id, out var eventId))
        {
            return (null, "The entry has no event id (field 'id', a GUID).");
        }

        if (!f.TryGetValue("type", out var type) || string.IsNullOrWhiteSpace(type))
        {
            return (null, "The entry has no event type (field 'type').");
        }

        if (!f.TryGetValue("occurredAt", out var occurred)
            || !DateTimeOffset.TryParse(occurred, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var occurredAt))
        {
            return (null, "The entry has no valid time (field 'occurredAt', ISO 8601).");
        }

        var version = f.TryGetValue("schemaVersion", out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : 1;
        return f.TryGetValue("payload", out var payload)
            ? (new EventEnvelope(eventId, type, occurredAt, f.GetValueOrDefault("source", ""), version, payload), null)
            : (null, "The entry has no payload (field 'payload').");
    }
}
