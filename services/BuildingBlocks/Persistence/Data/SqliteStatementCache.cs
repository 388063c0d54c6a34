using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Persistence;

/// <summary>
/// Keeps the statements EF Core runs on a SQLite connection prepared, as PostgreSQL's connections keep theirs
/// (<c>Max Auto Prepare</c>): Microsoft.Data.Sqlite prepares a command's SQL again for every new command, and EF Core
/// makes a new command for every query, so SQLite parsed and planned the enterprise list's statement on every request,
/// a fifth of the request's CPU (dotnet/efcore#14044). Each command EF Core creates on a SQLite connection is a
/// <see cref="KeptStatementCommand"/>, which runs on the connection's command for the same SQL, prepared the first
/// time and kept, with the statements, while the connection stays open (<see cref="KeptOpenSqliteConnection"/>).
/// </summary>
/// <remarks>
/// At most <see cref="Capacity"/> statements are kept per connection; the one used least recently goes first. A
/// statement kept holds no lock: it is reset once its reader is done. A prepared statement whose tables changed is
/// prepared again by SQLite on its next run. One cache serves the contexts of a service (a singleton): EF Core leaves
/// the connections of pooled contexts as their last request left them when it disposes the pool, so the cache closes
/// every connection it has seen open when the service stops.
/// </remarks>
public sealed class SqliteStatementCache : DbCommandInterceptor, IDbConnectionInterceptor, IDisposable
{
    /// <summary>Statements kept per connection, a few times the distinct statements a service's hot paths run.</summary>
    public const int Capacity = 32;

    private readonly ConditionalWeakTable<SqliteConnection, Statements> kept = new();

    public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
        !result.HasResult && eventData.Connection is SqliteConnection connection
            ? InterceptionResult<DbCommand>.SuppressWithResult(new KeptStatementCommand(connection, Of(connection)))
            : result;

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite)
        {
            Of(sqlite);
        }
    }

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var (connection, _) in kept)
        {
            connection.Close();
        }
    }

    /// <summary>The statements kept on <paramref name="connection"/>, dropped when it closes (which finalises them).</summary>
    private Statements Of(SqliteConnection connection) => kept.GetValue(connection, opened =>
    {
        var statements = new Statements(opened);
        opened.StateChange += (_, change) =>
        {
            if (change.CurrentState != ConnectionState.Open)
            {
                statements.Clear();
            }
        };
        return statements;
    });

    /// <summary>
    /// The idle commands of one connection, one for each SQL text, least recently used first. A connection runs one
    /// command at a time, but a query may read while another runs on the same connection: a command is taken out while
    /// it runs, so the other gets a command of its own.
    /// </summary>
    internal sealed class Statements(SqliteConnection connection)
    {
        private readonly Dictionary<string, LinkedListNode<SqliteCommand>> idle = new(StringComparer.Ordinal);
        private readonly LinkedList<SqliteCommand> byUse = new();

        public int Count => idle.Count;

        /// <summary>The idle command prepared for <paramref name="sql"/>, or a new one for it.</summary>
        public SqliteCommand Take(string sql)
        {
            if (idle.Remove(sql, out var node))
            {
                byUse.Remove(node);
                return node.Value;
            }

            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        /// <summary>A command done with, kept for its SQL unless one is kept for it already or the connection closed.</summary>
        public void Return(SqliteCommand command)
        {
            command.Parameters.Clear();
            if (connection.State != ConnectionState.Open || idle.ContainsKey(command.CommandText))
            {
                command.Dispose();
                return;
            }

            if (idle.Count == Capacity && byUse.First is { } leastRecent)
            {
                byUse.RemoveFirst();
                idle.Remove(leastRecent.Value.CommandText);
                leastRecent.Value.Dispose();
            }

            idle[command.CommandText] = byUse.AddLast(command);
        }

        public void Clear()
        {
            foreach (var command in byUse)
            {
                command.Dispose();
            }

            idle.Clear();
            byUse.Clear();
        }
    }
}
