using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceDefaults.Hosting;

namespace Persistence;

/// <summary>
/// <c>dotnet X.Api.dll --migrate-only</c> brings the service's database up to date and exits without
/// serving: the migrations, then the personal-data hash secret and the first Data Protection key, so
/// that replicas started together with <c>Database:MigrateOnStartup=false</c> find all three. A
/// migration Job runs it once before a rollout; a failure exits with 1 so that the rollout stops.
/// </summary>
public static partial class MigrateOnly
{
    public const string Flag = "--migrate-only";

    /// <summary>
    /// Runs the service, its endpoints built once (<see cref="EndpointsBuiltOnce"/>), or only its migrations when
    /// <paramref name="args"/> holds <see cref="Flag"/>.
    /// </summary>
    public static async Task RunServiceAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains(Flag, StringComparer.Ordinal))
        {
            await app.BuildEndpointsOnce().RunAsync();
            return;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateOnly).FullName!);
        try
        {
            await app.Services.GetRequiredService<IDatabaseStartup>().PrepareAsync(migrate: true, CancellationToken.None);
            LogMigrated(logger);
        }
        catch (Exception failed)
        {
            LogFailed(logger, failed);
            Environment.ExitCode = 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "The database is up to date (--migrate-only); exiting")]
    private static partial void LogMigrated(ILogger logger);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Critical, Message = "Migrating the database failed (--migrate-only)")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
