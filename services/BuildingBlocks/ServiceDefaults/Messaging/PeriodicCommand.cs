using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceDefaults.Hosting;

namespace ServiceDefaults.Messaging;

/// <summary>How often a periodic command runs: the <c>Interval</c> of its configuration section (daily by default).</summary>
public sealed class PeriodicCommandOptions<TCommand>
{
    /// <summary>The period (daily by default): the command runs once in each, counted from the Unix epoch in UTC.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Sends a command once per period across the service's replicas: at start-up when the current
/// period's run is not done yet, and then in each new period, each time in a scope of its own, as any
/// other caller sends it. The first run waits for the service's start-up steps (<see cref="StartupGate"/>),
/// so it runs after the service listens and never delays it. The replica that claims the period's
/// lease runs it (<see cref="IWorkLeases"/>); every replica looks at least once a minute, so when
/// the one running it dies, or its run fails, another (or the same) runs it within a minute or so
/// of the lease running out.
/// </summary>
internal sealed partial class PeriodicCommandService<TCommand>(IServiceScopeFactory scopes, IWorkLeases leases, StartupGate startup,
    IOptions<PeriodicCommandOptions<TCommand>> options, TimeProvider clock, ILogger<PeriodicCommandService<TCommand>> logger) : BackgroundService
    where TCommand : IBaseCommand, new()
{
    private static readonly TimeSpan LookAtLeastEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        var interval = options.Value.Interval;
        var lookEvery = interval < LookAtLeastEvery ? interval : LookAtLeastEvery;
        long? done = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var period = clock.GetUtcNow().ToUnixTimeMilliseconds() / (long)interval.TotalMilliseconds;
            if (period != done)
            {
                try
                {
                    var run = await leases.RunOnceAsync(typeof(TCommand).Name, period, SendAsync, stoppingToken);
                    if (run != WorkRun.Running)
                    {
                        done = period;
                        LogPeriod(logger, typeof(TCommand).Name, period, run);
                    }
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, typeof(TCommand).Name, exception);
                }
            }

            try
            {
                await Task.Delay(lookEvery, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TCommand(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Command} for period {Period}: {Run}")]
    private static partial void LogPeriod(ILogger logger, string command, long period, WorkRun run);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} failed; it is tried again within a minute")]
    private static partial void LogFailed(ILogger logger, string command, Exception exception);
}

public static class PeriodicCommandExtensions
{
    /// <summary>
    /// Sends <typeparamref name="TCommand"/> once per <c>{section}:Interval</c> (daily by default, at least
    /// one minute) across the replicas, the first time at start-up. Needs an <see cref="IWorkLeases"/>
    /// (the Redis event bus registers one).
    /// </summary>
    public static IHostApplicationBuilder AddPeriodicCommand<TCommand>(this IHostApplicationBuilder builder, string section)
        where TCommand : IBaseCommand, new()
    {
        builder.Services.AddOptions<PeriodicCommandOptions<TCommand>>().Bind(builder.Configuration.GetSection(section))
            .Validate(o => o.Interval >= TimeSpan.FromMinutes(1), $"{section}:Interval must be at least one minute.")
            .ValidateOnStart();
        builder.Services.AddHostedService<PeriodicCommandService<TCommand>>();
        return builder;
    }
}
