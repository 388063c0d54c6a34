using System.ComponentModel.DataAnnotations;

namespace EventBus.Redis;

/// <summary>The <c>EventBus</c> section.</summary>
public sealed class RedisEventBusOptions
{
    public const string Section = "EventBus";

    /// <summary>
    /// StackExchange.Redis configuration string (<c>127.0.0.1:6379,password=…</c>) of the connection
    /// this service shares (<c>IConnectionMultiplexer</c>).
    /// </summary>
    [Required]
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every stream key: the stream of service <c>enterprises</c> is <c>{prefix}enterprises</c>.</summary>
    [Required]
    public string StreamPrefix { get; set; } = "sti:events:";

    /// <summary>Approximate cap on each stream's length; consumers rebuild older history from the owner's API.</summary>
    [Range(1000, long.MaxValue)]
    public long MaxStreamLength { get; set; } = 100_000;

    /// <summary>Deliveries of one entry before it goes to the dead-letter stream.</summary>
    [Range(1, 100)]
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How long an entry stays unacknowledged before another delivery (to any replica) is tried.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a consumer reads its streams when no publisher's wake-up has come: the longest an entry
    /// without a wake-up (a lost one, another writer's) waits to be read. The consumer polls at most every half of
    /// <see cref="RetryAfter"/> (or every quarter second, when that is longer), so idle entries are claimed in time.
    /// </summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the relay looks at the outbox when no commit has woken it.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most events the relay publishes in one round: one read of the outbox, one pipelined round trip of
    /// XADDs and one update marking them. A bulk import's hundred thousand events drain in a hundred rounds.
    /// </summary>
    [Range(1, 10_000)]
    public int OutboxBatchSize { get; set; } = 1000;

    /// <summary>
    /// Published outbox rows and inbox rows older than this are deleted: at least <see cref="RetryAfter"/> times
    /// <see cref="MaxDeliveries"/> (an inbox row keeps a redelivered event from being applied twice), at most 3,650 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a replica's claim on shared periodic work (<c>IWorkLeases</c>) outlives its last
    /// renewal: the longest another replica waits to take over the work of one that died. A second to a day.
    /// </summary>
    public TimeSpan WorkLeaseTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This replica's consumer name; unique per process by default.</summary>
    public string ConsumerName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>The publishing service's name, set by the registration (its stream and consumer group).</summary>
    internal string ServiceName { get; set; } = "";

    internal string StreamOf(string service) => StreamPrefix + service;

    internal string DeadLetterStream => StreamPrefix + ServiceName + ":dead-letter";
}
