using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Persistence;

namespace Enterprises.Api.Data;

/// <summary>
/// A table the service derives from the register (the cultivation pool, the qualification counts) and keeps in step with
/// every write, in the write's transaction (<see cref="DerivedTablesInterceptor"/>).
/// </summary>
internal interface IDerivedTable
{
    /// <summary>
    /// Called in the write's transaction before a save that changes the register: what the table must do once the save
    /// has run, in the same transaction, or null when the save changes nothing it is derived from.
    /// </summary>
    ValueTask<Func<CancellationToken, Task>?> PrepareAsync(EnterprisesDbContext db, CancellationToken ct);
}

/// <summary>The lock that keeps a build of a derived table and the writes that keep it in step apart.</summary>
internal static class DerivedTables
{
    // The advisory lock's key on PostgreSQL: "cpool" in ASCII (the pool held it first), a number no other lock of the services uses.
    private const long LockKey = 0x63706F6F6C;

    /// <summary>
    /// Takes the lock in the current transaction, held until it ends: exclusive for a catch-up or a build (a second
    /// replica starting at once waits, then finds the table built), shared for a write's rows (writes run side by side,
    /// and a build never writes under them). On SQLite every write transaction holds the database's write lock from its
    /// start (BEGIN IMMEDIATE), which serialises them already.
    /// </summary>
    public static async Task LockAsync(EnterprisesDbContext db, bool exclusive, CancellationToken ct)
    {
        if (!db.Database.IsPostgres())
        {
            return;
        }

        await (exclusive
            ? db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct)
            : db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({LockKey})", ct));
    }

    /// <summary>Registers a derived table, kept in step by the one <see cref="DerivedTablesInterceptor"/> (in the order of registration).</summary>
    public static IServiceCollection AddDerivedTable<TTable>(this IServiceCollection services) where TTable : class, IDerivedTable
    {
        services.AddSingleton<IDerivedTable, TTable>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, DerivedTablesInterceptor>());
        return services;
    }
}
