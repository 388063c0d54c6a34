using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Reflection;
using Npgsql;

namespace Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The <c>Database</c> section. With nothing configured a service keeps a SQLite file in the data
/// folder; a PostgreSQL connection string (<c>Host=…</c>) selects PostgreSQL.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite or Postgres; inferred from the connection string when not set.</summary>
    public DatabaseProvider? Provider { get; set; }

    /// <summary>ADO.NET connection string; default: a SQLite file named after the service in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for SQLite files (created when missing).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// How long each statement of a migration may run (the connection string's command timeout, 30 s by default, is
    /// for requests): a migration that rewrites or indexes the register takes minutes at national scale, and one stopped
    /// half-way is retried whole by the next start. 15 minutes, the deadline of the migration Job in deploy/k8s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MigrationTimeout { get; set; } = TimeSpan.FromMinutes(15);

    public DatabaseProvider EffectiveProvider => Provider
        ?? (ConnectionString is { } cs && (cs.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || cs.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite);

    /// <summary>
    /// The connections a replica keeps to PostgreSQL at most: twice its processors, and at least four (a replica's
    /// background work, the outbox relay, the inbox, a periodic pass, an import, holds one each while it runs). More
    /// statements at once than the cores that run them, the service's and the server's, only queue on those cores,
    /// where the scheduler serves them in no order: at a million enterprises on two cores with 16 connections sending,
    /// a pool of 100 left a name search's p99 at 128–270 ms, a district's at 22 ms; a pool of four, where a request
    /// waits its turn for a connection, 28 and 8 ms, at the same throughput. A request that waits longer than the
    /// connection string's Timeout (15 s) is answered 503.
    /// </summary>
    public static int DefaultPoolSize { get; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>
    /// The connection string the service opens. On PostgreSQL, unless it says otherwise, Npgsql prepares the statements
    /// a connection runs again (Max Auto Prepare 64, from the second use): the server then parses a list's query once per
    /// connection rather than on every request, and plans it once too where the plan it keeps serves every parameter (a
    /// statement without parameters, or a read on <see cref="QueryPlans"/>). A pooler that hands one client's statements
    /// to other server connections (PgBouncer in transaction mode) needs <c>Max Auto Prepare=0</c> in the connection string.
    /// Unless it says otherwise, a connection back in the pool is not reset either (No Reset On Close): Npgsql's reset
    /// (RESET ALL, DISCARD, the unlocking of session locks …) ran on the server before every request's first statement,
    /// and the services leave nothing on a connection for it to clear. Their advisory locks end with their transaction,
    /// the import's staging table is dropped on commit, and they set, listen to and declare nothing beyond one.
    /// Unless it says otherwise, the pool holds at most <see cref="DefaultPoolSize"/> connections, not Npgsql's 100.
    /// </summary>
    public string EffectiveConnectionString(string serviceName)
    {
        if (EffectiveProvider == DatabaseProvider.Sqlite)
        {
            return ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, serviceName.ToLowerInvariant() + ".db")}";
        }

        var postgres = new NpgsqlConnectionStringBuilder(ConnectionString);
        // What was written, each keyword under its one name whatever the synonym used: the builder's own string holds the
        // values set, named as Npgsql names them (its ContainsKey answers every keyword it knows).
        var written = new DbConnectionStringBuilder { ConnectionString = postgres.ConnectionString }.Keys.Cast<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Written(string property) => written.Contains(
            typeof(NpgsqlConnectionStringBuilder).GetProperty(property)!.GetCustomAttribute<DisplayNameAttribute>()!.DisplayName);

        if (!Written(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            postgres.MaxAutoPrepare = 64;
            if (!Written(nameof(NpgsqlConnectionStringBuilder.AutoPrepareMinUsages)))
            {
                postgres.AutoPrepareMinUsages = 2;
            }
        }

        if (!Written(nameof(NpgsqlConnectionStringBuilder.MaxPoolSize)))
        {
            postgres.MaxPoolSize = DefaultPoolSize;
        }

        if (!Written(nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            postgres.NoResetOnClose = true;
        }

        return postgres.ConnectionString;
    }
}
