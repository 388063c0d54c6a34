using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
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
public class PlansApiFactory : WebApplicationFactory<Program>
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "plans-tests", Guid.NewGuid().ToString("N"));

    public static string? PostgresServer => Environment.GetEnvironmentVariable("TEST_POSTGRES");

    public static string ProviderName => PostgresServer is null ? "Sqlite" : "Postgres";

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The issuer the service trusts.</summary>
    public static TestIssuer Issuer { get; } = new("http://issuer.test");

    /// <summary>An independent issuer the service trusts only when <see cref="TrustSecondIssuer"/> is set.</summary>
    public static TestIssuer SecondIssuer { get; } = new("http://second-issuer.test");

    public bool TrustSecondIssuer { get; init; }

    /// <summary>A client calling with the given token, or anonymously when it is null.</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>By default a test calls as a client holding every plans scope and admin, in no region.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.Token());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Seeds:LoadOnStartup", "false");
        builder.UseSetting("Database:DataDirectory", dataDirectory);
        if (PostgresServer is { } server)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", $"{server};Database=plans_test_{Guid.NewGuid():N}");
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Auth:Issuers:0:Authority", Issuer.Authority);
        builder.UseSetting("Auth:Issuers:0:RequireHttpsMetadata", "false");
        if (TrustSecondIssuer)
        {
            builder.UseSetting("Auth:Issuers:1:Authority", SecondIssuer.Authority);
            builder.UseSetting("Auth:Issuers:1:RequireHttpsMetadata", "false");
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureAll<JwtBearerOptions>(jwt => jwt.BackchannelHttpHandler = new IssuerBackchannel(Issuer, SecondIssuer));
        });
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
/// <summary>
/// The Plans service with the repository's seeds loaded at start-up, from a private copy of the
/// seeds folder that a test may change to play a newer transcription.
/// </summary>
public sealed class SeededPlansApiFactory : PlansApiFactory
{
    public string SeedsDirectory { get; } = CopySeeds();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seeds:Directory", SeedsDirectory);
        builder.UseSetting("Seeds:LoadOnStartup", "true");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(SeedsDirectory))
        {
            Directory.Delete(SeedsDirectory, recursive: true);
        }
    }

    private static string CopySeeds()
    {
        var source = Path.Combine(TestPaths.RepositoryRoot, "seeds");
        var target = Path.Combine(Path.GetTempPath(), "plans-seeds", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}

public static class TestPaths
{
    public static string RepositoryRoot { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Microservices.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Microservices.sln not found above the test output.");
    }
}

public sealed class FixedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
