using StackExchange.Redis;

namespace Plans.FunctionalTests;

/// <summary>The tests' own connection to the Redis the services use, to put entries on their streams by hand.</summary>
public static class TestRedis
{
    private static readonly Lazy<ConnectionMultiplexer> Connection =
        new(() => ConnectionMultiplexer.Connect(ServiceApiFactory<Program>.RedisServer));

    /// <summary>Appends an entry with these fields; returns its id.</summary>
    public static string Append(string stream, IEnumerable<KeyValuePair<string, string>> fields) =>
        (string)Connection.Value.GetDatabase().StreamAdd(stream, fields.Select(f => new NameValueEntry(f.Key, f.Value)).ToArray())!;
}
