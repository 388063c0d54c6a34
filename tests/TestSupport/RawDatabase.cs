using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TestSupport;

/// <summary>
/// A service's database read through plain ADO.NET, never through the service's EF model: a SQLite
/// file in a folder of its own, or a database on the PostgreSQL server the test script started.
/// </summary>
/// <param name="connectionString">The service's connection string.</param>
/// <param name="onPostgres">Whether it is PostgreSQL.</param>
/// <param name="directory">The SQLite folder (its database file, WAL and shared memory); unused on PostgreSQL.</param>
public class RawDatabase(string connectionString, bool onPostgres, string directory)
{
    public bool OnPostgres { get; } = onPostgres;

    public string ConnectionString { get; } = connectionString;

    public string Directory { get; } = directory;

    /// <summary>An id as the provider stores it (SQLite: upper-case text; PostgreSQL: uuid), for raw queries.</summary>
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
        await using var command = Command(connection, sql, parameters);
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
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
