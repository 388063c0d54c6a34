using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServiceDefaults.Hosting;

/// <summary>
/// Work a service does once at start-up that requests depend on (loading seeds, numbering rows a
/// migration left without a key). It runs after the host has started, so the process listens at
/// once (<c>/health/live</c> answers) while <c>/health/ready</c> stays not-ready until every step is done.
/// Steps run one after another in the order they were added.
/// </summary>
public interface IStartupStep
{
    /// <summary>What the step does, as the readiness report and the logs name it.</summary>
    string Name { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Whether the start-up steps are done. Periodic work that needs them (a refresh over seeded data,
/// an expiry pass) awaits <see cref="WhenReadyAsync"/> before its first run, so it neither competes
/// with the start-up for the processor nor runs on a half-seeded database.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The step running now, or null when none has started or all are done.</summary>
    public string? Running { get; internal set; }

    public bool IsReady => done.Task.IsCompletedSuccessfully;

    /// <summary>Completes when the host has started and every start-up step is done; throws the failure of a step that failed.</summary>
    public Task WhenReadyAsync(CancellationToken cancellationToken) => done.Task.WaitAsync(cancellationToken);

    /// <summary>Waits until the service is ready: true then, false when it stops first or a start-up step failed (the service is stopping).</summary>
    public async Task<bool> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return done.Task.IsCompletedSuccessfully;
    }

    internal void Open() => done.TrySetResult();

    internal void Fail(Exception failure) => done.TrySetException(failure);
}

/// <summary>
/// Runs the <see cref="IStartupStep"/>s once the host has started (Kestrel listening), then opens the
/// <see cref="StartupGate"/>. A step that fails stops the service with exit code 1, as a failure
/// before listening did: a service that cannot seed or fix its data must not run half-ready.
/// Logs how long after the process's start the service listened and became ready.
/// </summary>
internal sealed partial class StartupWorkService(IEnumerable<IStartupStep> steps, StartupGate gate,
    IHostApplicationLifetime lifetime, ILogger<StartupWorkService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        var listening = SinceProcessStart();
        var clock = Stopwatch.StartNew();
        foreach (var step in steps)
        {
            gate.Running = step.Name;
            try
            {
                await step.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogStepFailed(e, step.Name);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                gate.Fail(e);
                return;
            }
        }

        gate.Running = null;
        gate.Open();
        LogReady(listening.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, SinceProcessStart().TotalMilliseconds);
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static TimeSpan SinceProcessStart() => DateTime.Now - Process.GetCurrentProcess().StartTime;

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Listening {ListeningMs:F0} ms after the process started; start-up steps took {StepsMs:F0} ms; ready {ReadyMs:F0} ms after the process started")]
    private partial void LogReady(double listeningMs, double stepsMs, double readyMs);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Critical, Message = "Start-up step '{Step}' failed; stopping the service")]
    private partial void LogStepFailed(Exception e, string step);
}

/// <summary><c>/health/ready</c> is Unhealthy until the start-up steps are done, naming the one running.</summary>
internal sealed class StartupHealthCheck(StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsReady
            ? HealthCheckResult.Healthy("Start-up steps done")
            : HealthCheckResult.Unhealthy(gate.Running is { } step ? $"Starting: {step}" : "Starting"));
}

public static class StartupWorkExtensions
{
    /// <summary>The start-up gate, its runner and its readiness check (once, whoever calls first).</summary>
    public static IServiceCollection AddStartupWork(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(StartupGate)))
        {
            return services;
        }

        services.AddSingleton<StartupGate>();
        services.AddHostedService<StartupWorkService>();
        services.AddHealthChecks().AddCheck<StartupHealthCheck>("startup", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>Adds a step run after the host has started, before <c>/health/ready</c> reports ready.</summary>
    public static IServiceCollection AddStartupStep<TStep>(this IServiceCollection services)
        where TStep : class, IStartupStep
    {
        services.AddStartupWork();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupStep, TStep>());
        return services;
    }
}
