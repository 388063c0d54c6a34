using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.RateLimiting;

/// <summary>
/// Fixed windows counted in Redis, shared by every gateway replica: one counter per partition and
/// window (<c>{prefix}{partition}:{window number}</c>), incremented and given its expiry by one
/// script, so a request costs one round trip. While Redis cannot be reached each replica counts
/// alone in memory (the limit then holds per replica) rather than refusing or waving traffic through.
/// </summary>
internal sealed partial class SharedWindows(IOptions<RateLimitOptions> options, TimeProvider clock, ILogger<SharedWindows> logger) : IDisposable
{
    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    private readonly Lazy<ConnectionMultiplexer> redis = new(() => Connect(options.Value.Redis!));
    private long lastFailureLogged;

    /// <summary>The limiter of one partition: it keeps no count itself, only the in-memory fallback.</summary>
    public RateLimiter For(string partition, int permits) => new Window(this, partition, permits, options.Value.Window);

    public void Dispose()
    {
        if (redis.IsValueCreated)
        {
            redis.Value.Dispose();
        }
    }

    private async ValueTask<RateLimitLease> CountAsync(Window window)
    {
        var length = (long)window.Length.TotalMilliseconds;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var number = now / length;
        var key = new RedisKey($"{options.Value.KeyPrefix}{window.Partition}:{number}");
        try
        {
            var count = (long)await redis.Value.GetDatabase().ScriptEvaluateAsync(CountScript, [key], [length * 2]);
            return count <= window.Permits ? Leases.Acquired : Leases.Refused(TimeSpan.FromMilliseconds((number + 1) * length - now));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            var last = Interlocked.Read(ref lastFailureLogged);
            if (now - last > 60_000 && Interlocked.CompareExchange(ref lastFailureLogged, now, last) == last)
            {
                LogCountingAlone(logger, e);
            }

            return window.Fallback.AttemptAcquire();
        }
    }

    private static ConnectionMultiplexer Connect(string configuration)
    {
        var settings = ConfigurationOptions.Parse(configuration);
        settings.AbortOnConnectFail = false;
        settings.BacklogPolicy = BacklogPolicy.FailFast;
        settings.ClientName ??= "gateway-rate-limits";
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            settings.ConnectTimeout = 1000;
        }

        return ConnectionMultiplexer.Connect(settings);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits cannot be counted in Redis; this gateway counts alone until it can (logged once a minute)")]
    private static partial void LogCountingAlone(ILogger logger, Exception exception);

    /// <summary>
    /// One partition's limiter. The rate limiting middleware first tries a synchronous acquire, which
    /// this limiter always declines, and then awaits the asynchronous one, which asks Redis.
    /// </summary>
    private sealed class Window(SharedWindows windows, string partition, int permits, TimeSpan length) : RateLimiter
    {
        private long lastUsed = Environment.TickCount64;

        public string Partition => partition;
        public int Permits => permits;
        public TimeSpan Length => length;

        public FixedWindowRateLimiter Fallback { get; } = new(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = length, QueueLimit = 0,
        });

        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Leases.NotYet;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
            return windows.CountAsync(this);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Fallback.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class Leases(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Leases Acquired = new(true, null);
        public static readonly Leases NotYet = new(false, null);

        public static Leases Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
