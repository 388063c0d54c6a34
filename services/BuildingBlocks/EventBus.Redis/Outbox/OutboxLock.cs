using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Persistence;

namespace EventBus.Redis.Outbox;

/// <summary>
/// The lock one relay holds while it publishes a batch: a transaction that has taken it, released at
/// commit, rollback or the end of the connection (a replica that dies releases it).
/// </summary>
internal static class OutboxLock
{
    /// <summary>The advisory lock's key on PostgreSQL: any number the services' own locks do not use ("outbox" in ASCII).</summary>
    private const long AdvisoryKey = 0x6F7574626F78;

    /// <summary>
    /// Begins the batch's transaction holding the lock, waiting while another relay holds it. On
    /// PostgreSQL a transaction-level advisory lock; on SQLite the transaction itself, which begins
    /// IMMEDIATE and so holds the database's write lock from its first statement.
    /// </summary>
    public static async Task<IDbContextTransaction> TakeAsync(DbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsPostgres())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryKey})", cancellationToken);
        }

        return transaction;
    }
}
