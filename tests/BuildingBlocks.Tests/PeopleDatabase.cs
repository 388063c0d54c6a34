using Microsoft.Data.Sqlite;

namespace BuildingBlocks.Tests;

/// <summary>
/// A fresh database for the test service: a SQLite file in a folder of its own, or, when the test
/// script started PostgreSQL (TEST_POSTGRES), a database of its own there. Several hosts may share
/// it, as replicas do. Read raw through plain ADO.NET, never through the service's EF model. A test of what SQLite alone
/// does asks for SQLite (<paramref name="sqlite"/>).
/// </summary>
public sealed class PeopleDatabase(bool sqlite = false)
    : RawDatabase(Connection(sqlite, out var directory, out var onPostgres), onPostgres, directory), IDisposable
{
    public static string? PostgresServer => Environment.GetEnvironmentVariable("TEST_POSTGRES");

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = OnPostgres ? "Postgres" : "Sqlite",
        ["Database:ConnectionString"] = ConnectionString,
        ["Database:DataDirectory"] = Directory,
        ["Database:MigrateOnStartup"] = "false",
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static string Connection(bool sqlite, out string directory, out bool onPostgres)
    {
        directory = Path.Combine(Path.GetTempPath(), "building-blocks-tests", Guid.NewGuid().ToString("N"));
        onPostgres = !sqlite && PostgresServer is not null;
        return onPostgres
            ? $"{PostgresServer};Database=people_test_{Guid.NewGuid():N}"
            : $"Data Source={Path.Combine(directory, "people.db")}";
    }
}
