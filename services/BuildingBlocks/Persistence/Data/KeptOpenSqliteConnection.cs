using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Persistence;

/// <summary>
/// A pooled context's SQLite connection, kept open from one request to the next, so that the statements
/// <see cref="SqliteStatementCache"/> keeps prepared on it outlive the request: closing a SQLite connection finalises
/// every statement prepared on it. EF Core closes the connection after each query and when the context goes back to its
/// pool; here it stays open (an open connection outside a transaction holds no lock on the database, and a connection
/// the pool of Microsoft.Data.Sqlite kept stayed open as well). A transaction still open when the context goes back is
/// rolled back first, by EF Core. The connection closes when the service stops (<see cref="SqliteStatementCache.Dispose"/>).
/// </summary>
#pragma warning disable EF1001 // SqliteRelationalConnection is EF Core's own; its close is the one place every close goes through.
internal sealed class KeptOpenSqliteConnection(RelationalConnectionDependencies dependencies, IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger) : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override void CloseDbConnection()
    {
        if (DbConnection.State != ConnectionState.Open)
        {
            base.CloseDbConnection();
        }
    }

    protected override Task CloseDbConnectionAsync()
    {
        CloseDbConnection();
        return Task.CompletedTask;
    }
}

/// <summary>SQLite with its statements kept prepared (<see cref="SqliteStatementCache"/>).</summary>
internal static class KeptStatements
{
    public static DbContextOptionsBuilder UseSqliteKeepingStatements(this DbContextOptionsBuilder db, string connectionString,
        SqliteStatementCache cache) =>
        db.UseSqlite(connectionString).ReplaceService<ISqliteRelationalConnection, KeptOpenSqliteConnection>().AddInterceptors(cache);
}
#pragma warning restore EF1001
