using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using RedisEntry = StackExchange.Redis.StreamEntry;

namespace EventBus.Redis.Streams;

/// <summary>An entry read from a stream: its envelope, or why it could not be read as one.</summary>
internal sealed record StreamEntry(string Stream, string Id, EventEnvelope? Envelope, string? Malformed, IReadOnlyDictionary<string, string> Fields);

/// <summary>Redis could not be reached; the call may be retried.</summary>
internal sealed class RedisUnavailableException(string message, Exception? inner) : Exception(message, inner);

/// <summary>An entry delivered to a consumer and not yet acknowledged.</summary>
internal sealed record PendingEntry(string Id, string Consumer, TimeSpan Idle, long Deliveries);

/// <summary>A consumer group's position: entries not yet delivered to it (null when Redis cannot tell), and delivered but unacknowledged.</summary>
internal sealed record GroupState(long? Lag, long Pending);

/// <summary>
/// The only place that speaks Redis (through the shared StackExchange.Redis multiplexer):
/// publishing, consumer groups, pending entries, dead letters and the wake-up channel. Everything
/// else works with envelopes and entries, so the client can be swapped here alone. Every call is
/// asynchronous: the multiplexer pipelines them over one connection.
/// </summary>
internal sealed class RedisStreams(IConnectionMultiplexer redis, IOptions<RedisEventBusOptions> options)
{
    private readonly RedisEventBusOptions settings = options.Value;

    private IDatabase Database => redis.GetDatabase();

    /// <summary>
    /// The service's one connection, made when the host first needs Redis (as its hosted services
    /// start) whether or not Redis answers: the multiplexer keeps reconnecting by itself, and
    /// meanwhile every command fails at once rather than queueing. The outbox is the queue; a
    /// command queued here could still run after the relay had given up on it and published the
    /// same events again.
    /// </summary>
    public static ConnectionMultiplexer Connect(string configuration, string clientName, ILoggerFactory? loggerFactory)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // The multiplexer keeps reconnecting in the background, so the first attempt need not wait long:
        // a service whose Redis is down starts (and takes writes into its outbox) within a second or two.
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = 1000;
            options.ConnectRetry = 1;
        }
        options.ClientName ??= clientName;
        options.LoggerFactory ??= loggerFactory;
        return ConnectionMultiplexer.Connect(options);
    }

    /// <summary>
    /// Appends envelopes to their publishers' streams, capped at about MaxStreamLength entries
    /// (MAXLEN ~, cheap), in one pipelined batch, then wakes the streams' consumers. Only an entry
    /// id for every envelope proves that Redis took them all.
    /// </summary>
    public Task PublishAsync(IReadOnlyList<EventEnvelope> envelopes) => CallAsync(async () =>
    {
        var batch = Database.CreateBatch();
        var adds = envelopes.Select(e => batch.StreamAddAsync(settings.StreamOf(e.Source), Fields(e),
            maxLength: settings.MaxStreamLength, useApproximateMaxLength: true)).ToList();
        foreach (var stream in envelopes.Select(e => settings.StreamOf(e.Source)).Distinct(StringComparer.Ordinal))
        {
            Wake(batch, stream);
        }

        batch.Execute();
        var ids = await Task.WhenAll(adds);
        if (ids.Any(id => id.IsNullOrEmpty))
        {
            throw new RedisUnavailableException($"Redis did not confirm all of {envelopes.Count} events.", null);
        }
    });

    /// <summary>Adds an entry with the given fields, uncapped (dead letters, replays), and wakes the stream's consumers.</summary>
    public Task<string> AddAsync(string stream, IReadOnlyDictionary<string, string> fields) => CallAsync(async () =>
    {
        var batch = Database.CreateBatch();
        var add = batch.StreamAddAsync(stream, fields.Select(f => new NameValueEntry(f.Key, f.Value)).ToArray());
        Wake(batch, stream);
        batch.Execute();
        return (string)(await add)!;
    });

    /// <summary>
    /// Calls <paramref name="appended"/> whenever this transport adds to one of the streams. The
    /// multiplexer keeps the subscription, even one made while Redis is down, and renews it after
    /// every reconnect; a wake-up lost meanwhile only costs the reader its next poll.
    /// </summary>
    public Task SubscribeAsync(IEnumerable<string> streams, Action appended) => CallAsync(() =>
    {
        var subscriber = redis.GetSubscriber();
        return Task.WhenAll(streams.Select(s => subscriber.SubscribeAsync(Channel(s), (_, _) => appended())));
    });

    /// <summary>Creates the consumer group at the start of the stream (and the stream) unless it exists.</summary>
    public Task EnsureGroupAsync(string stream, string group) => CallAsync(async () =>
    {
        try
        {
            await Database.StreamCreateConsumerGroupAsync(stream, group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Created before, by this or another replica.
        }
    });

    /// <summary>Entries not yet delivered to the group, up to <paramref name="count"/> per stream; never waits for more.</summary>
    public Task<IReadOnlyList<StreamEntry>> ReadNewAsync(IReadOnlyList<string> streams, string group, string consumer, int count) =>
        CallAsync(async () =>
        {
            var positions = streams.Select(s => new StreamPosition(s, StreamPosition.NewMessages)).ToArray();
            var results = await Database.StreamReadGroupAsync(positions, group, consumer, count);
            return (IReadOnlyList<StreamEntry>)results.SelectMany(r => r.Entries.Select(e => Entry((string)r.Key!, e))).ToList();
        });

    public Task<IReadOnlyList<PendingEntry>> PendingAsync(string stream, string group, int count) => CallAsync(async () =>
        (IReadOnlyList<PendingEntry>)(await Database.StreamPendingMessagesAsync(stream, group, count, RedisValue.Null))
            .Select(p => new PendingEntry((string)p.MessageId!, (string)p.ConsumerName!, TimeSpan.FromMilliseconds(p.IdleTimeInMilliseconds),
                p.DeliveryCount))
            .ToList());

    /// <summary>Takes over entries idle at least <paramref name="minIdle"/>; each claim counts as a delivery.</summary>
    public async Task<IReadOnlyList<StreamEntry>> ClaimAsync(string stream, string group, string consumer, TimeSpan minIdle,
        IReadOnlyList<string> ids) =>
        ids.Count == 0
            ? []
            : (await CallAsync(() => Database.StreamClaimAsync(stream, group, consumer, (long)minIdle.TotalMilliseconds,
                    ids.Select(id => (RedisValue)id).ToArray())))
                .Where(e => !e.IsNull)
                .Select(e => Entry(stream, e))
                .ToList();

    public async Task<StreamEntry?> ReadAsync(string stream, string id) =>
        await CallAsync(() => Database.StreamRangeAsync(stream, id, id, 1)) is [var entry, ..] ? Entry(stream, entry) : null;

    public async Task<IReadOnlyList<StreamEntry>> RangeAsync(string stream, string start, int count) =>
        (await CallAsync(() => Database.StreamRangeAsync(stream, start, "+", count))).Select(e => Entry(stream, e)).ToList();

    public Task<long> LengthAsync(string stream) => CallAsync(() => Database.StreamLengthAsync(stream));

    public Task AckAsync(string stream, string group, string id) => CallAsync(() => Database.StreamAcknowledgeAsync(stream, group, id));

    /// <summary>Acknowledges several entries of one stream in one command.</summary>
    public Task AckAsync(string stream, string group, IReadOnlyList<string> ids) =>
        CallAsync(() => Database.StreamAcknowledgeAsync(stream, group, ids.Select(id => (RedisValue)id).ToArray()));

    public async Task<bool> DeleteAsync(string stream, string id) => await CallAsync(() => Database.StreamDeleteAsync(stream, [id])) > 0;

    /// <summary>The group's lag and pending count (XINFO GROUPS); null when the group does not exist.</summary>
    public async Task<GroupState?> GroupStateAsync(string stream, string group) =>
        (await CallAsync(() => Database.StreamGroupInfoAsync(stream))).Where(g => g.Name == group)
            .Select(g => new GroupState(g.Lag, g.PendingMessageCount))
            .FirstOrDefault();

    /// <summary>
    /// Runs a command. Redis answering with an error stays a <see cref="RedisServerException"/>;
    /// not reaching it at all (refused, broken, timed out, a multiplexer torn down while it
    /// reconnects), or reaching one still loading its data, becomes one <see cref="RedisUnavailableException"/>.
    /// </summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw new RedisUnavailableException($"Redis cannot be reached: {e.Message}", e);
        }
    }

    private static Task CallAsync(Func<Task> call) => CallAsync(async () =>
    {
        await call();
        return true;
    });

    private static bool IsUnreachable(Exception e) =>
        e is RedisConnectionException or TimeoutException or ObjectDisposedException or IOException or SocketException
        || e is RedisServerException && (e.Message.StartsWith("LOADING", StringComparison.Ordinal) || e.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal));

    /// <summary>
    /// The wake-up channel of a stream has the stream's own name (channels and keys are separate
    /// namespaces). Fire-and-forget: a lost wake-up delays a reader by one poll, and must never
    /// fail a publish whose entries Redis has taken.
    /// </summary>
    private static void Wake(IBatch batch, string stream) =>
        _ = batch.PublishAsync(Channel(stream), RedisValue.EmptyString, CommandFlags.FireAndForget);

    private static RedisChannel Channel(string stream) => RedisChannel.Literal(stream);

    public static NameValueEntry[] Fields(EventEnvelope envelope)
    {
        List<NameValueEntry> fields =
        [
            new("id", envelope.Id.ToString()),
            new("type", envelope.Type),
            new("occurredAt", envelope.OccurredAt.ToString("O", CultureInfo.InvariantCulture)),
            new("source", envelope.Source),
            new("schemaVersion", envelope.SchemaVersion.ToString(CultureInfo.InvariantCulture)),
            new("payload", envelope.Payload),
        ];
        if (envelope.TraceParent is { } traceParent)
        {
            fields.Add(new("traceparent", traceParent));
        }

        if (envelope.TraceState is { } traceState)
        {
            fields.Add(new("tracestate", traceState));
        }

        return [.. fields];
    }

    private static StreamEntry Entry(string stream, RedisEntry entry)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in entry.Values)
        {
            fields[(string)field.Name!] = (string?)field.Value ?? "";
        }

        var (envelope, malformed) = Parse(fields);
        return new StreamEntry(stream, (string)entry.Id!, envelope, malformed, fields);
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
            ? (new EventEnvelope(eventId, type, occurredAt, f.GetValueOrDefault("source", ""), version, payload,
                f.GetValueOrDefault("traceparent"), f.GetValueOrDefault("tracestate")), null)
            : (null, "The entry has no payload (field 'payload').");
    }
}
