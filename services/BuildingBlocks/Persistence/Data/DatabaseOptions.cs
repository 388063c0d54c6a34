using System.ComponentModel.DataAnnotations;

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

    public DatabaseProvider EffectiveProvider => Provider
        ?? (ConnectionString is { } cs && (cs.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || cs.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite);

    public string EffectiveConnectionString(string serviceName) =>
        ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, serviceName.ToLowerInvariant() + ".db")}";
}
