using System.Globalization;
using System.Text.Json;
using EventBus.Redis.Streams;
using Microsoft.Extensions.Options;

namespace EventBus.Redis.DeadLetters;

/// <summary>An entry that could not be applied, with what is known of why.</summary>
/// <param name="Id">The dead letter's own entry id (use it to replay or discard).</param>
/// <param name="Stream">The stream the entry came from.</param>
/// <param name="EntryId">Its entry id there.</param>
/// <param name="Deliveries">How often it was delivered before it was set aside.</param>
/// <param name="Error">The last error seen while applying it.</param>
/// <param name="DeadLetteredAt">When it was set aside.</param>
/// <param name="Event">
/// The event as it was on the stream: <c>id</c>, <c>type</c>, <c>occurredAt</c>, <c>source</c>, <c>schemaVersion</c>,
/// <c>payload</c>, and <c>traceparent</c> / <c>tracestate</c> when it was published inside a trace.
/// </param>
public sealed record DeadLetter(string Id, string Stream, string EntryId, long Deliveries, string Error, DateTimeOffset DeadLetteredAt,
    IReadOnlyDictionary<string, string> Event);

/// <summary>
/// The dead-letter stream of this service (one per consumer group). Replaying puts the original
/// entry back on its stream as a new entry; every consuming service still applies it at most once.
/// </summary>
internal sealed class DeadLetterQueue(RedisStreams streams, IOptions<RedisEventBusOptions> options, TimeProvider clock)
{
    private const string Prefix = "deadLetter.";
    private string Stream => options.Value.DeadLetterStream;

    public Task AddAsync(string stream, string group, string entryId, long deliveries, StreamEntry? entry, string error)
    {
        var fields = new Dictionary<string, string>(entry?.Fields ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [Prefix + "stream"] = stream,
            [Prefix + "group"] = group,
            [Prefix + "entryId"] = entryId,
            [Prefix + "deliveries"] = deliveries.ToString(CultureInfo.InvariantCulture),
            [Prefix + "error"] = error,
            [Prefix + "at"] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        return streams.AddAsync(Stream, fields);
    }

    /// <summary>Up to <paramref name="count"/> dead letters after the entry id <paramref name="after"/> ("-": from the first).</summary>
    public async Task<(IReadOnlyList<DeadLetter> Items, long Total)> ListAsync(string after, int count)
    {
        var start = after == "-" ? "-" : Successor(after);
        var items = start is null ? [] : (await streams.RangeAsync(Stream, start, count)).Select(ToDeadLetter).ToList();
        return (items, await CountAsync());
    }

    /// <summary>The smallest entry id after <paramref name="id"/> (time-sequence, each a 64-bit number); null after the last possible one.</summary>
    private static string? Successor(string id)
    {
        var parts = id.Split('-');
        var (time, sequence) = (ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture));
        return sequence < ulong.MaxValue ? $"{time}-{sequence + 1}"
            : time < ulong.MaxValue ? $"{time + 1}-0"
            : null;
    }

    public Task<long> CountAsync() => streams.LengthAsync(Stream);

    public async Task<DeadLetter?> FindAsync(string id) => await streams.ReadAsync(Stream, id) is { } entry ? ToDeadLetter(entry) : null;

    /// <summary>Puts the original entry back on its stream; returns the new entry id.</summary>
    public async Task<string> ReplayAsync(DeadLetter letter)
    {
        var newId = await streams.AddAsync(letter.Stream, letter.Event);
        await streams.DeleteAsync(Stream, letter.Id);
        return newId;
    }

    public Task<bool> DiscardAsync(string id) => streams.DeleteAsync(Stream, id);

    private static DeadLetter ToDeadLetter(StreamEntry entry)
    {
        var f = entry.Fields;
        return new DeadLetter(entry.Id, f.GetValueOrDefault(Prefix + "stream", ""), f.GetValueOrDefault(Prefix + "entryId", ""),
            long.TryParse(f.GetValueOrDefault(Prefix + "deliveries"), CultureInfo.InvariantCulture, out var d) ? d : 0,
            f.GetValueOrDefault(Prefix + "error", ""),
            DateTimeOffset.TryParse(f.GetValueOrDefault(Prefix + "at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : default,
            f.Where(p => !p.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value));
    }

    /// <summary>True when the replayed entry can be read as an event again.</summary>
    public static bool IsReadable(DeadLetter letter) =>
        letter.Event.ContainsKey("id") && letter.Event.ContainsKey("type") && letter.Event.TryGetValue("payload", out var payload) && IsJson(payload);

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
