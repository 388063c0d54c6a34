using Mediator;
using Microsoft.Extensions.Options;

namespace Plans.Api.Registers;

/// <summary>
/// Reconciles once after start-up (the migrations have run by then), retrying with a growing pause
/// while the register cannot be reached, for <see cref="EnterpriseRegisterOptions.StartupRetryFor"/>.
/// It logs and gives up rather than stopping the service: the events keep the metrics current meanwhile.
/// </summary>
internal sealed partial class ReconcileOnStartup(IServiceScopeFactory scopes, EnterpriseRegisterReconciliation reconciliation,
    IOptions<EnterpriseRegisterOptions> options, ILogger<ReconcileOnStartup> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.IsConfigured || !o.ReconcileOnStartup)
        {
            return;
        }

        await Task.Yield();
        var giveUpAt = DateTime.UtcNow + o.StartupRetryFor;
        var delay = o.StartupRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await reconciliation.RunAsync(scope.ServiceProvider.GetRequiredService<ISender>(), stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (DateTime.UtcNow + delay > giveUpAt)
                {
                    LogGaveUp(e, attempt);
                    return;
                }

                LogRetrying(e, attempt, delay);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation with the enterprise register failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogRetrying(Exception e, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Reconciliation with the enterprise register failed {Attempt} times; giving up until the next start or POST /api/v1/registers/enterprises/reconcile")]
    private partial void LogGaveUp(Exception e, int attempt);
}
