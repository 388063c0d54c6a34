using ServiceDefaults.Hosting;
using ServiceDefaults.Messaging;
using SharedKernel.Time;

namespace Plans.Api.RegisterMetrics.Refresh;

/// <summary>
/// Refreshes every bound indicator once the start-up steps are done (the seeds in), after the
/// service listens, and whenever the Beijing date turns. Time passing changes no counter (an
/// expired qualification simply falls out of the window of days a metric sums) and may bring no
/// event for a while, so the figures are brought up to date each day.
/// One replica does it each day, the one that claims the day (<see cref="IWorkLeases"/>); the others
/// look again each minute until it is done, and take it over if that replica dies first.
/// </summary>
internal sealed partial class RefreshOnNewDay(IServiceScopeFactory scopes, IWorkLeases leases, StartupGate startup, TimeProvider clock,
    ILogger<RefreshOnNewDay> logger) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        DateOnly? refreshed = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var today = clock.Today();
            if (refreshed != today)
            {
                try
                {
                    var run = await leases.RunOnceAsync("refresh-on-new-day", today.DayNumber, async ct =>
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        LogRefreshed(today, await scope.ServiceProvider.GetRequiredService<MetricRefresher>().RefreshAllAsync(null, ct));
                    }, stoppingToken);
                    if (run != WorkRun.Running)
                    {
                        refreshed = today;
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(e);
                }
            }

            try
            {
                await Task.Delay(CheckEvery, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the bound indicators for {Today}: {Recorded} figures changed")]
    private partial void LogRefreshed(DateOnly today, int recorded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the bound indicators for a new day failed; trying again in a minute")]
    private partial void LogFailed(Exception e);
}
