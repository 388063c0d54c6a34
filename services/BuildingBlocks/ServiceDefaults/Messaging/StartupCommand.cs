using Mediator;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.Hosting;

namespace ServiceDefaults.Messaging;

/// <summary>A start-up step that sends <typeparamref name="TCommand"/> once, in a scope of its own, before the service is ready.</summary>
internal sealed class StartupCommand<TCommand>(IServiceScopeFactory scopes, StartupCommand<TCommand>.Described described) : IStartupStep
    where TCommand : IBaseCommand, new()
{
    /// <summary>What the step does, as the readiness report and the logs name it.</summary>
    public sealed record Described(string Name);

    public string Name => described.Name;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TCommand(), cancellationToken);
    }
}

public static class StartupCommandExtensions
{
    /// <summary>
    /// Sends <typeparamref name="TCommand"/> once at start-up, before <c>/health/ready</c> reports ready;
    /// <paramref name="name"/> says what it does.
    /// </summary>
    public static IServiceCollection AddStartupCommand<TCommand>(this IServiceCollection services, string name)
        where TCommand : IBaseCommand, new()
    {
        services.AddSingleton(new StartupCommand<TCommand>.Described(name));
        return services.AddStartupStep<StartupCommand<TCommand>>();
    }
}
