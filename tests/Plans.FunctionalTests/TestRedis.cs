using EventBus;
using StackExchange.Redis;

namespace Plans.FunctionalTests;

/// <summary>The tests' own connection to the Redis the services use, to put entries on their streams by hand.</summary>
public static class TestRedis
{
    private static readonly Lazy<ConnectionMultiplexer> Connection =
        new(() => ConnectionMultiplexer.Connect(ServiceApiFactory<Program>.RedisServer));

    /// <summary>
    /// Appends an entry with these fields and wakes the stream's consumers, as a publisher does (the channel
    /// has the stream's name); returns its id.
    /// </summary>
    public static string Append(string stream, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var database = Connection.Value.GetDatabase();
        var id = (string)database.StreamAdd(stream, fields.Select(f => new NameValueEntry(f.Key, f.Value)).ToArray())!;
        database.Publish(RedisChannel.Literal(stream), RedisValue.EmptyString);
        return id;
    }

    /// <summary>Puts the envelope on its publisher's stream (<c>{prefix}{source}</c>) as the relay does, and wakes its consumers.</summary>
    public static string Publish(string streamPrefix, EventEnvelope envelope) => Append(streamPrefix + envelope.Source, Fields(envelope));

    /// <summary>The fields the relay writes for an envelope.</summary>
    public static Dictionary<string, string> Fields(EventEnvelope envelope) => new()
    {
        ["id"] = envelope.Id.ToString(),
        ["type"] = envelope.Type,
        ["occurredAt"] = envelope.OccurredAt.ToString("O"),
        ["source"] = envelope.Source,
        ["schemaVersion"] = "1",
        ["payload"] = envelope.Payload,
    };

    /// <summary>
    /// Appends the entries at once (one MULTI … EXEC, which no read can fall between), so that a consumer
    /// reads them together, as one batch when they are no more than it reads at a time; wakes its consumers.
    /// </summary>
    public static void AppendAll(string stream, IEnumerable<IEnumerable<KeyValuePair<string, string>>> entries)
    {
        var database = Connection.Value.GetDatabase();
        var transaction = database.CreateTransaction();
        var appended = entries.Select(fields => transaction.StreamAddAsync(stream, fields.Select(f => new NameValueEntry(f.Key, f.Value)).ToArray()))
            .ToList();
        if (!transaction.Execute())
        {
            throw new InvalidOperationException("The entries were not appended.");
        }

        Task.WaitAll(appended);
        database.Publish(RedisChannel.Literal(stream), RedisValue.EmptyString);
    }
}
