using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceDefaults.Messaging;

/// <summary>How often a periodic command runs: the <c>Interval</c> of its configuration section (daily by default).</summary>
public sealed class PeriodicCommandOptions<TCommand>
{
    /// <summary>How often the command is sent (daily by default); it is also sent once at start-up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Sends a command at start-up and then every interval, each time in a scope of its own, as any other
/// caller sends it; a failed run is logged and the next interval runs again.
/// </summary>
internal sealed partial class PeriodicCommandService<TCommand>(IServiceScopeFactory scopes, IOptions<PeriodicCommandOptions<TCommand>> options,
    TimeProvider clock, ILogger<PeriodicCommandService<TCommand>> logger) : BackgroundService
    where TCommand : IBaseCommand, new()
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TCommand(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, typeof(TCommand).Name, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, string command, Exception exception);
}

public static class PeriodicCommandExtensions
{
    /// <summary>
    /// Sends <typeparamref name="TCommand"/> at start-up and then every <c>{section}:Interval</c> (daily by
    /// default, at least one minute).
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
