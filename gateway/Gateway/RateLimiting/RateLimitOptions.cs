namespace Gateway.RateLimiting;

/// <summary>The <c>RateLimits</c> section: requests allowed per window, per client and per address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// The length of one window: positive and at most a day (an in-memory limiter replenishes on a timer of this period).
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests per window for a client with a valid token of this gateway.</summary>
    public int PerClient { get; set; } = 200;

    /// <summary>Requests per window for each IP address calling without such a token.</summary>
    public int PerAnonymousAddress { get; set; } = 50;

    /// <summary>
    /// StackExchange.Redis configuration of the Redis where every gateway replica counts (the windows
    /// are shared, so a limit holds however the ingress spreads a client's requests). Empty: this
    /// gateway counts alone, in memory, as a single gateway may.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of the counters' keys in that Redis.</summary>
    public string KeyPrefix { get; set; } = "sti:rate-limits:";

    /// <summary>Per-client exceptions: client id → requests per window, each positive.</summary>
    public Dictionary<string, int> Clients { get; set; } = [];
}
