using Mediator;
using Microsoft.Extensions.Options;
using ServiceDefaults.Hosting;
using ServiceDefaults.Messaging;

namespace Plans.Api.RegisterMetrics.Reconciliation;

/// <summary>
/// Reconciles each connected register whose owner's API is configured once after start-up (once
/// the start-up steps are done), retrying with a growing pause while it cannot be reached, for
/// <see cref="RegisterOptions.StartupRetryFor"/>. It logs and gives up rather than stopping the
/// service: the events keep the metrics current meanwhile. Registers are reconciled side by side,
/// so one that is down delays no other. Replicas starting together reconcile a register once: the
/// one that claims it (<see cref="IWorkLeases"/>, one run per register and clock hour) does it, the
/// others wait while it runs and take it over if it dies first.
/// </summary>
internal sealed partial class ReconcileOnStartup(IServiceScopeFactory scopes, RegisterSources sources, RegisterReconciliation reconciliation,
    IWorkLeases leases, StartupGate startup, IOptionsMonitor<RegisterOptions> options, TimeProvider clock, ILogger<ReconcileOnStartup> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        await Task.WhenAll(sources.Connected
            .Where(s => options.Get(s.Register) is { IsConfigured: true, ReconcileOnStartup: true })
            .Select(s => ReconcileAsync(s.Register, options.Get(s.Register), stoppingToken)));
    }

    private async Task ReconcileAsync(string register, RegisterOptions o, CancellationToken stoppingToken)
    {
        var giveUpAt = DateTime.UtcNow + o.StartupRetryFor;
        var delay = o.StartupRetryDelay;
        var period = clock.GetUtcNow().ToUnixTimeMilliseconds() / (long)Period.TotalMilliseconds;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var run = await leases.RunOnceAsync($"reconcile-on-startup:{register}", period, async ct =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await reconciliation.RunAsync(scope.ServiceProvider.GetRequiredService<ISender>(), register, ct);
                }, stoppingToken);
                if (run != WorkRun.Running)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (DateTime.UtcNow + delay > giveUpAt)
                {
                    LogGaveUp(e, register, attempt);
                    return;
                }

                LogRetrying(e, register, attempt, delay);
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 > MaxDelay ? MaxDelay : delay * 2;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation with the {Register} register failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogRetrying(Exception e, string register, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Reconciliation with the {Register} register failed {Attempt} times; giving up until the next start or a POST to its reconcile endpoint")]
    private partial void LogGaveUp(Exception e, string register, int attempt);
}
