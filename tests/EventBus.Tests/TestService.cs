using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using EventBus.Redis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Persistence;
using StackExchange.Redis;

namespace EventBus.Tests;

/// <summary>What the test services publish and consume.</summary>
public sealed record ParcelShipped(string Parcel, int Weight) : IntegrationEvent;

/// <summary>The effect of applying a <see cref="ParcelShipped"/>: one row per application.</summary>
public sealed class Delivery
{
    public long Id { get; set; }
    public required string Parcel { get; set; }
}

/// <summary>A parcel named "contested-…" claimed by the first delivery to add it: one row per parcel, its key the parcel.</summary>
public sealed class Claim
{
    public required string Parcel { get; set; }
}

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<Claim> Claims => Set<Claim>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<Claim>().HasKey(c => c.Parcel);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            SqliteConventions.Apply(configurationBuilder);
        }
    }
}

/// <summary>
/// Records each delivery and the activity it ran in; fails for parcels named "poison" until
/// <see cref="Behaviour.Cured"/> is set, and holds parcels named "held-…" until <see cref="Behaviour.Release"/>. A parcel
/// named "contested-…" is claimed unless claimed already; <see cref="Behaviour.Rival"/>, when set, runs between the
/// handler's read of the claims and its claim (another replica's transaction committing the same claim first).
/// </summary>
public sealed class ParcelShippedHandler(TestDbContext db, Behaviour behaviour, AppliedInBatch batch) : IIntegrationEventHandler<ParcelShipped>
{
    public async Task HandleAsync(ParcelShipped @event, CancellationToken cancellationToken)
    {
        behaviour.Attempts.AddOrUpdate(@event.Parcel, 1, (_, n) => n + 1);
        behaviour.Activities[@event.Parcel] = Activity.Current;
        if (@event.Parcel.StartsWith("held-", StringComparison.Ordinal))
        {
            await behaviour.Release.Task.WaitAsync(cancellationToken);
        }

        if (@event.Parcel == "poison" && !behaviour.Cured)
        {
            throw new InvalidOperationException("Parcel 'poison' cannot be delivered.");
        }

        if (@event.Parcel.StartsWith("contested-", StringComparison.Ordinal) && await db.Claims.FindAsync([@event.Parcel], cancellationToken) is null)
        {
            if (behaviour.Rival is { } rival)
            {
                await rival(@event.Parcel);
            }

            db.Claims.Add(new Claim { Parcel = @event.Parcel });
        }

        db.Deliveries.Add(new Delivery { Parcel = @event.Parcel });
        await db.SaveChangesAsync(cancellationToken);
        batch.Parcels.Add(@event.Parcel);
    }
}

/// <summary>The parcels delivered by the handlers of one batch (scoped: one per batch), in order.</summary>
public sealed class AppliedInBatch
{
    public List<string> Parcels { get; } = [];
}

public sealed class Behaviour
{
    public ConcurrentDictionary<string, int> Attempts { get; } = new();
    public ConcurrentDictionary<string, Activity?> Activities { get; } = new();
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public bool Cured { get; set; }
    public Func<string, Task>? Rival { get; set; }
}

/// <summary>
/// A small service with the real event bus: a database with outbox and inbox, publishing to the stream
/// "{prefix}{name}" and consuming ParcelShipped from the streams of <c>consumes</c>. The database is the
/// SQLite file <c>database</c>, or, when the test script has started PostgreSQL (TEST_POSTGRES), a
/// database on that server named after that path; two services given one path share one database, as
/// replicas do.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly IHost host;
    private bool started;

    public TestService(string redis, string prefix, string name, string database, string[]? consumes = null,
        Dictionary<string, string?>? settings = null, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventBus:Redis"] = redis,
            ["EventBus:StreamPrefix"] = prefix,
            ["EventBus:RetryAfter"] = "00:00:00.300",
            ["EventBus:MaxDeliveries"] = "3",
            ["EventBus:OutboxPollInterval"] = "01:00:00",
            // Rounds of 100, so that a test's few hundred events take several (replicas interleave, the backlog is counted).
            ["EventBus:OutboxBatchSize"] = "100",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton(Behaviour);
        builder.Services.AddScoped<AppliedInBatch>();
        builder.Services.AddDbContext<TestDbContext>((sp, db) =>
            (Environment.GetEnvironmentVariable("TEST_POSTGRES") is { } postgres
                ? db.UseNpgsql($"{postgres};Database={PostgresDatabase(database)}")
                : db.UseSqlite($"Data Source={database}")).AddInterceptors(sp.GetServices<IInterceptor>()));
        builder.Services.AddScoped<DbContext>(sp => sp.GetRequiredService<TestDbContext>());
        var bus = builder.AddRedisEventBus(name);
        foreach (var source in consumes ?? [])
        {
            bus.ConsumeFrom(source);
        }

        if (consumes is { Length: > 0 })
        {
            bus.AddSubscription<ParcelShipped, ParcelShippedHandler>();
        }

        configure?.Invoke(builder);

        host = builder.Build();
        using (var scope = host.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreated();
        }
    }

    public Behaviour Behaviour { get; } = new();

    /// <summary>The PostgreSQL database standing for the SQLite file at <paramref name="path"/>: one name per path.</summary>
    private static string PostgresDatabase(string path) =>
        "eventbus_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(path))))[..24];

    public IServiceProvider Services => host.Services;

    /// <summary>
    /// Starts the service and waits until it reaches Redis: the bus starts without Redis and connects in the
    /// background (commands fail fast until then), so a test that calls Redis at once would race the connection.
    /// </summary>
    public async Task StartAsync()
    {
        await StartWithoutRedisAsync();
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        await Eventually.HoldsAsync(() => redis.IsConnected, "the service reaches Redis");
    }

    /// <summary>Starts the service without waiting for Redis (a test of a start while Redis is down).</summary>
    public async Task StartWithoutRedisAsync()
    {
        await host.StartAsync();
        started = true;
    }

    /// <summary>Commits the events in one SaveChanges, as a service's handler would.</summary>
    public async Task PublishAsync(params IntegrationEvent[] events)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IEventBus>();
        foreach (var @event in events)
        {
            bus.Publish(@event);
        }

        await scope.ServiceProvider.GetRequiredService<TestDbContext>().SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<TestDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        // A host whose start failed (its settings refused) has nothing to stop.
        if (started)
        {
            await host.StopAsync();
        }

        host.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
