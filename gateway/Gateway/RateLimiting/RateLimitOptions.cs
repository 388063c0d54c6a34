namespace Gateway.RateLimiting;

/// <summary>The <c>RateLimits</c> section: requests allowed per window, per client and per address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>The length of one window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests per window for a client with a valid token of this gateway.</summary>
    public int PerClient { get; set; } = 200;

    /// <summary>Requests per window for each IP address calling without such a token.</summary>
    public int PerAnonymousAddress { get; set; } = 50;

    /// <summary>Per-client exceptions: client id → requests per window.</summary>
    public Dictionary<string, int> Clients { get; set; } = [];
}
