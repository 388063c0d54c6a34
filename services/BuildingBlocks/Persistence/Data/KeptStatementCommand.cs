using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Persistence;

/// <summary>
/// A command EF Core creates on a SQLite connection (<see cref="SqliteStatementCache"/>): it collects the SQL, the
/// parameters and the transaction as any command does, and runs them on the connection's command kept for that SQL,
/// whose statements stay prepared. Disposing it gives that command back, with its statements, for the next query.
/// </summary>
internal sealed class KeptStatementCommand(SqliteConnection connection, SqliteStatementCache.Statements statements) : DbCommand
{
    /// <summary>Holds the parameters until the command runs (and makes them as a SqliteCommand does).</summary>
    private readonly SqliteCommand collected = new();

    /// <summary>The connection's command this one runs on, from its first run until it is disposed.</summary>
    private SqliteCommand? running;

    private string sql = string.Empty;

    [AllowNull]
    public override string CommandText
    {
        get => sql;
        set => sql = value ?? string.Empty;
    }

    public override int CommandTimeout { get; set; } = connection.DefaultTimeout;

    public override CommandType CommandType
    {
        get => collected.CommandType;
        set => collected.CommandType = value;
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (!ReferenceEquals(value, connection))
            {
                throw new NotSupportedException("A command whose statements are kept stays on the connection it was created on.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => collected.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel() => running?.Cancel();

    /// <summary>Nothing to do ahead: the connection's command prepares the statements at its first run and keeps them.</summary>
    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => collected.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Ready().ExecuteReader(behavior);

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

    public override object? ExecuteScalar() => Ready().ExecuteScalar();

    protected override void Dispose(bool disposing)
    {
        if (disposing && running is { } done)
        {
            running = null;
            statements.Return(done);
        }

        collected.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>The connection's command for this SQL, with this command's parameters, transaction and timeout.</summary>
    private SqliteCommand Ready()
    {
        if (running is not null && running.CommandText != sql)
        {
            statements.Return(running);
            running = null;
        }

        running ??= statements.Take(sql);
        running.CommandTimeout = CommandTimeout;
        running.Transaction = (SqliteTransaction?)DbTransaction;
        running.Parameters.Clear();
        foreach (SqliteParameter parameter in collected.Parameters)
        {
            running.Parameters.Add(parameter);
        }

        return running;
    }
}
