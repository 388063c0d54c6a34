using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Persistence.Audit;
using Persistence.Idempotency;
using Persistence.OpenApi;
using Persistence.PersonalData;
using ServiceDefaults.OpenApi;
using ServiceDefaults.Problems;

namespace Persistence;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's DbContext on SQLite or PostgreSQL. Each provider has its own context
    /// subclass and its own migration set (<typeparamref name="TSqlite"/>, <typeparamref name="TPostgres"/>),
    /// so neither migration set carries branches for the other. Migrations run at start-up, the
    /// database is part of <c>/health/ready</c>, every write is audited (<see cref="AuditInterceptor"/>), and
    /// properties marked <c>[PersonalData]</c> are encrypted under the Data Protection key ring kept in it.
    /// Contexts are pooled: building one (its options and internal services) cost more than the query a
    /// list request makes, so a request takes a reset context from the pool and returns it.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqlite, TPostgres>(this IHostApplicationBuilder builder,
        string serviceName)
        where TContext : ServiceDbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.EffectiveProvider == DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required for PostgreSQL.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.EffectiveConnectionString(serviceName);
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Every IInterceptor registered (the audit trail, the event outbox) joins each SaveChanges. They are
        // singletons, resolved once for the pool of contexts: a context is reused, not built per request.
        builder.Services.AddSingleton<IInterceptor, AuditInterceptor>();
        builder.AddPersonalDataProtection<TContext>(serviceName);
        if (options.EffectiveProvider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContextPool<TContext, TPostgres>((sp, db) =>
                ServiceDbContext.Protect(db.UseNpgsql(connectionString).AddInterceptors(sp.GetServices<IInterceptor>())
                    .AddInterceptors(QueryPlans.Interceptor)));
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            SqliteLibrary.Configure();
            // Statements stay prepared on a context's connection, which stays open until the service stops (SqliteStatementCache).
            builder.Services.AddSingleton<SqliteStatementCache>();
            builder.Services.AddDbContextPool<TContext, TSqlite>((sp, db) => ServiceDbContext.Protect(db
                .UseSqliteKeepingStatements(connectionString, sp.GetRequiredService<SqliteStatementCache>())
                .AddInterceptors(sp.GetServices<IInterceptor>())));
        }

        builder.Services.AddScoped<DbContext>(sp => sp.GetRequiredService<TContext>());
        builder.Services.AddSingleton<IProblemMapper, DatabaseProblemMapper>();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddEntityFrameworkCoreInstrumentation());
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: ["ready"]);
        builder.Services.AddSingleton<DatabaseStartup<TContext>>();
        builder.Services.AddSingleton<IDatabaseStartup>(sp => sp.GetRequiredService<DatabaseStartup<TContext>>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup<TContext>>());
        builder.Services.AddSingleton<IStoredLengthSource, ColumnLengths>();
        builder.Services.ConfigureSwaggerGen(swagger => swagger.OperationFilter<IdempotencyKeyOperationFilter>());
        return builder;
    }

    /// <summary>
    /// What the database adds to the request pipeline: creating POSTs replayed by Idempotency-Key
    /// (after authentication, so keys are scoped per client) and the service's audit trail.
    /// Call after <c>MapDefaultEndpoints</c>. It also starts building the model (<see cref="IDatabaseStartup.BuildModelAhead"/>).
    /// </summary>
    public static WebApplication UseServiceDatabase(this WebApplication app)
    {
        app.Services.GetRequiredService<IDatabaseStartup>().BuildModelAhead();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapAuditApi(app.Services.GetRequiredService<ServiceDefaults.ServiceDescription>().Name);
        return app;
    }

    /// <summary>
    /// Whether the context runs on PostgreSQL, from its connection's type. EF Core's <c>IsNpgsql()</c> compares the
    /// provider's assembly name, which it reads (<c>Assembly.GetName()</c>, parsed and allocated) twice on every call:
    /// 0.8% of an enterprise list's CPU, where the paging dialect is chosen per request.
    /// </summary>
    public static bool IsPostgres(this DatabaseFacade database) => database.GetDbConnection() is Npgsql.NpgsqlConnection;
}

/// <summary>What a service does to its database before it serves: the start-up, or the whole run of <c>--migrate-only</c>.</summary>
internal interface IDatabaseStartup
{
    /// <summary>
    /// Starts building EF Core's model of the context on another thread, which <see cref="PrepareAsync"/> then waits for:
    /// the service maps its endpoints and the host starts in the meantime. The model is the first and largest part of
    /// the database start-up, and needs no database.
    /// </summary>
    void BuildModelAhead();

    Task PrepareAsync(bool migrate, CancellationToken cancellationToken);
}

/// <summary>
/// Brings the schema up to date and loads the personal-data keys before any other part of the
/// service starts (the event relay, Data Protection's own warm-up) and before it takes requests.
/// On an up-to-date database this is one read of the migrations history: <c>MigrateAsync</c>, which
/// also compares the model with the last migration's snapshot (seconds of model building), runs only
/// when a migration is pending. It takes EF's migration lock and looks at the history again under it,
/// so replicas that find the same pending migrations apply them once.
/// </summary>
internal sealed class DatabaseStartup<TContext>(IServiceProvider services, IOptions<DatabaseOptions> options,
    PersonalDataProtection protection) : IHostedLifecycleService, IDatabaseStartup
    where TContext : DbContext
{
    private Task? modelBuilt;

    public Task StartingAsync(CancellationToken cancellationToken) =>
        PrepareAsync(options.Value.MigrateOnStartup, cancellationToken);

    public void BuildModelAhead() => modelBuilt ??= Task.Run(async () =>
    {
        await using var scope = services.CreateAsyncScope();
        _ = scope.ServiceProvider.GetRequiredService<TContext>().Model;
    });

    public async Task PrepareAsync(bool migrate, CancellationToken cancellationToken)
    {
        if (modelBuilt is not null)
        {
            await modelBuilt.WaitAsync(cancellationToken);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (migrate)
        {
            db.Database.SetCommandTimeout(options.Value.MigrationTimeout);
        }

        if (migrate && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await protection.InitializeAsync(db, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
