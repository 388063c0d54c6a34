using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace EventBus.Redis.Leases;

/// <summary>
/// Work leases in the Redis the services share. Per piece of work, two keys under the service's
/// prefix: <c>…:work:{name}:lease</c> (the holder's token, expiring after the lease time unless
/// renewed) and <c>…:work:{name}:done</c> (the last period whose run completed). Each step is one
/// script, so a claim, a renewal and a completion are atomic against the other replicas.
/// </summary>
internal sealed partial class RedisWorkLeases(IConnectionMultiplexer redis, IOptions<RedisEventBusOptions> options,
    ILogger<RedisWorkLeases> logger) : IWorkLeases
{
    private const string ClaimScript = """
        local done = redis.call('GET', KEYS[2])
        if done and tonumber(done) >= tonumber(ARGV[1]) then return 0 end
        if redis.call('SET', KEYS[1], ARGV[2], 'NX', 'PX', ARGV[3]) then return 1 end
        return -1
        """;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private const string CompleteScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        local done = redis.call('GET', KEYS[2])
        if not done or tonumber(done) < tonumber(ARGV[2]) then redis.call('SET', KEYS[2], ARGV[2]) end
        redis.call('DEL', KEYS[1])
        return 1
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async Task<(IWorkLease? Lease, WorkRun Outcome)> TryClaimAsync(string work, long period, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = $"{settings.StreamPrefix}{settings.ServiceName}:work:{work}";
        var lease = new Lease(redis.GetDatabase(), logger, work, new RedisKey[] { key + ":lease", key + ":done" }, Guid.NewGuid().ToString("N"), period,
            settings.WorkLeaseTime);
        var claimed = (int)await redis.GetDatabase().ScriptEvaluateAsync(ClaimScript, lease.Keys,
            [period, lease.Token, (long)settings.WorkLeaseTime.TotalMilliseconds]);
        switch (claimed)
        {
            case 1:
                lease.StartRenewing();
                return (lease, WorkRun.Ran);
            case 0:
                return (null, WorkRun.Done);
            default:
                return (null, WorkRun.Running);
        }
    }

    /// <summary>A lease held: renewed every third of the lease time until completed or disposed.</summary>
    private sealed class Lease(IDatabase database, ILogger logger, string work, RedisKey[] keys, string token, long period, TimeSpan leaseTime) : IWorkLease
    {
        private readonly CancellationTokenSource lost = new();
        private readonly CancellationTokenSource stop = new();
        private Task renewing = Task.CompletedTask;
        private bool released;

        public RedisKey[] Keys => keys;
        public string Token => token;
        public CancellationToken Lost => lost.Token;

        public void StartRenewing() => renewing = RenewAsync();

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            await StopRenewingAsync();
            var completed = (int)await database.ScriptEvaluateAsync(CompleteScript, keys, [token, period]);
            released = true;
            if (completed == 0)
            {
                LogCompletedAfterLoss(logger, work, period);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopRenewingAsync();
            if (!released)
            {
                try
                {
                    await database.ScriptEvaluateAsync(ReleaseScript, keys, [token]);
                }
                catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
                {
                    // Unreleased, the lease expires by itself within the lease time.
                    LogReleaseFailed(logger, e, work);
                }
            }

            lost.Dispose();
            stop.Dispose();
        }

        private async Task StopRenewingAsync()
        {
            await stop.CancelAsync();
            await renewing;
        }

        private async Task RenewAsync()
        {
            var every = leaseTime / 3;
            var heldUntil = DateTime.UtcNow + leaseTime;
            while (true)
            {
                try
                {
                    await Task.Delay(every, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                try
                {
                    if ((int)await database.ScriptEvaluateAsync(RenewScript, keys, [token, (long)leaseTime.TotalMilliseconds]) == 1)
                    {
                        heldUntil = DateTime.UtcNow + leaseTime;
                        continue;
                    }
                }
                catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
                {
                    if (DateTime.UtcNow + every < heldUntil)
                    {
                        continue;
                    }
                }

                LogLost(logger, work, period);
                await lost.CancelAsync();
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on {Work} for period {Period} was lost; the run stops and another replica takes it over")]
    private static partial void LogLost(ILogger logger, string work, long period);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run of {Work} for period {Period} ended after its lease was lost; another replica may run it again")]
    private static partial void LogCompletedAfterLoss(ILogger logger, string work, long period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Releasing the lease on {Work} failed; it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string work);
}
