using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Plans.FunctionalTests;

/// <summary>
/// Hosts the Plans service in memory over a database of its own: a fresh SQLite file, or, when
/// the test script has started PostgreSQL (TEST_POSTGRES), a fresh database on that server.
/// One factory per test class, so no class sees another's data.
/// </summary>
public sealed class PlansApiFactory : WebApplicationFactory<Program>
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "plans-tests", Guid.NewGuid().ToString("N"));

    public static string? PostgresServer => Environment.GetEnvironmentVariable("TEST_POSTGRES");

    public static string ProviderName => PostgresServer is null ? "Sqlite" : "Postgres";

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:DataDirectory", dataDirectory);
        if (PostgresServer is { } server)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", $"{server};Database=plans_test_{Guid.NewGuid():N}");
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}

/// <summary>A clock the tests set, so that progress "as of today" is reproducible.</summary>
public sealed class FixedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
