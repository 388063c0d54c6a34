using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BuildingBlocks.Tests;

/// <summary>
/// A fresh database for the test service: a SQLite file in a folder of its own, or, when the test
/// script started PostgreSQL (TEST_POSTGRES), a database of its own there. Several hosts may share
/// it, as replicas do. Read raw through plain ADO.NET, never through the service's EF model.
/// </summary>
public sealed class PeopleDatabase : IDisposable
{
    private readonly string name = $"people_test_{Guid.NewGuid():N}";

    public static string? PostgresServer => Environment.GetEnvironmentVariable("TEST_POSTGRES");

    public bool OnPostgres { get; } = PostgresServer is not null;

    /// <summary>The SQLite folder (its database file, WAL and shared memory); unused on PostgreSQL.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "building-blocks-tests", Guid.NewGuid().ToString("N"));

    public string ConnectionString => OnPostgres
        ? $"{PostgresServer};Database={name}"
        : $"Data Source={Path.Combine(Directory, "people.db")}";

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = OnPostgres ? "Postgres" : "Sqlite",
        ["Database:ConnectionString"] = ConnectionString,
        ["Database:DataDirectory"] = Directory,
        ["Database:MigrateOnStartup"] = "false",
    };

    /// <summary>A person's id as the provider stores it (SQLite: upper-case text; PostgreSQL: uuid), for raw queries.</summary>
    public object Key(Guid id) => OnPostgres ? id : id.ToString().ToUpperInvariant();

    public DbConnection Open()
    {
        DbConnection connection = OnPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Each value of the rows a query returns, as it is stored (strings as UTF-8, blobs as their bytes).</summary>
    public async Task<List<object?[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (parameterName, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = parameterName;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (parameterName, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = parameterName;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
