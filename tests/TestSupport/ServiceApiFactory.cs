using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceDefaults.Hosting;
using TestSupport.Contract;

namespace TestSupport;

/// <summary>
/// Hosts a service in memory over a database of its own: a fresh SQLite file, or, when the test
/// script has started PostgreSQL (TEST_POSTGRES), a fresh database on that server. Its events go to
/// the Redis the test script started (TEST_REDIS), under a stream prefix of its own. One factory per
/// test class, so no class sees another's data.
/// </summary>
public abstract class ServiceApiFactory<TProgram>(string serviceName) : WebApplicationFactory<TProgram>
    where TProgram : class
{
    /// <summary>The folder of its SQLite file. A second factory given the same folder (and <see cref="DatabaseName"/>) runs on the same database, as a replica or a restart does.</summary>
    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), $"{serviceName}-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The name of its database on the PostgreSQL server of TEST_POSTGRES.</summary>
    public string DatabaseName { get; init; } = $"{serviceName}_test_{Guid.NewGuid():N}";

    /// <summary>Its database, for reading around the service with plain ADO.NET.</summary>
    public RawDatabase Database => PostgresServer is { } server
        ? new RawDatabase($"{server};Database={DatabaseName}", onPostgres: true, DataDirectory)
        : new RawDatabase($"Data Source={Path.Combine(DataDirectory, serviceName + ".db")}", onPostgres: false, DataDirectory);

    /// <summary>Whether disposing leaves the SQLite folder for someone else to read (and delete) later.</summary>
    protected virtual bool KeepsDatabase => false;

    public static string? PostgresServer => Environment.GetEnvironmentVariable("TEST_POSTGRES");

    public static string RedisServer => Environment.GetEnvironmentVariable("TEST_REDIS") ?? "127.0.0.1:6379";

    public static string ProviderName => PostgresServer is null ? "Sqlite" : "Postgres";

    /// <summary>Prefix of this factory's streams, so parallel classes never read each other's events.</summary>
    public string StreamPrefix { get; init; } = $"test:{Guid.NewGuid():N}:";

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The issuer the service trusts.</summary>
    public static TestIssuer Issuer { get; } = new("http://issuer.test");

    /// <summary>An independent issuer the service trusts only when <see cref="TrustSecondIssuer"/> is set.</summary>
    public static TestIssuer SecondIssuer { get; } = new("http://second-issuer.test");

    public bool TrustSecondIssuer { get; init; }

    /// <summary>The claim of the second issuer's tokens that names the caller's unit (Auth:Issuers:1:UnitClaim), when set.</summary>
    public string? SecondIssuerUnitClaim { get; init; }

    /// <summary>
    /// The service's committed OpenAPI document (<c>services/X/X.Api/X.Api.json</c>), which every answer
    /// to a client of this factory is checked against (<see cref="ContractCheck"/>); null when the
    /// service has none.
    /// </summary>
    public virtual string? ContractDocumentPath
    {
        get
        {
            var name = char.ToUpperInvariant(serviceName[0]) + serviceName[1..];
            var path = Path.Combine(TestPaths.RepositoryRoot, "services", name, $"{name}.Api", $"{name}.Api.json");
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>
    /// A client of the service whose every answer is checked against the committed OpenAPI document
    /// (hides the factory's own, so that every test's client is checked).
    /// </summary>
    public new HttpClient CreateClient() =>
        ContractDocumentPath is { } document ? CreateDefaultClient(new ContractCheck(ContractDocument.Load(document))) : base.CreateClient();

    /// <summary>A client calling with the given token, or anonymously when it is null.</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>By default a test calls as a client holding every scope of the service and admin, in no region.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.Token());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        if (PostgresServer is { } server)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", $"{server};Database={DatabaseName}");
        }

        builder.UseSetting("EventBus:Redis", RedisServer);
        builder.UseSetting("EventBus:StreamPrefix", StreamPrefix);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Auth:Issuers:0:Authority", Issuer.Authority);
        builder.UseSetting("Auth:Issuers:0:RequireHttpsMetadata", "false");
        if (TrustSecondIssuer)
        {
            builder.UseSetting("Auth:Issuers:1:Authority", SecondIssuer.Authority);
            builder.UseSetting("Auth:Issuers:1:RequireHttpsMetadata", "false");
            if (SecondIssuerUnitClaim is { } unitClaim)
            {
                builder.UseSetting("Auth:Issuers:1:UnitClaim", unitClaim);
            }
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureAll<JwtBearerOptions>(jwt => jwt.BackchannelHttpHandler = new IssuerBackchannel(Issuer, SecondIssuer));
        });
    }

    /// <summary>Whether creating the service waits for its start-up steps (see <see cref="CreateHost"/>); a test of the start-up itself does not.</summary>
    protected virtual bool WaitsUntilReady => true;

    /// <summary>
    /// Starts the service and waits until it is ready (its start-up steps, such as the seeds, done),
    /// as a load balancer waits for <c>/health/ready</c>: a test's first request finds what a ready service holds.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (!WaitsUntilReady)
        {
            return host;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        host.Services.GetRequiredService<StartupGate>().WhenReadyAsync(timeout.Token).GetAwaiter().GetResult();
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (!KeepsDatabase && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

/// <summary>A clock the tests set, so that "today" is reproducible.</summary>
public sealed class FixedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
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
