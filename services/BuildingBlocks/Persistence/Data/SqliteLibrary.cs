using SQLitePCL;

namespace Persistence;

/// <summary>
/// How the process's SQLite library runs, set once before its first connection:
/// <list type="bullet">
/// <item>Multi-thread mode, not serialized: a connection is used by one request at a time (a pooled context's, or its own),
/// so SQLite need not lock the connection's mutex on every call, every column a query reads among them (a list of ten
/// enterprises reads some six hundred), which was about a twentieth of the enterprise list's CPU.</item>
/// <item>Without memory statistics: with them (SQLite's default) every allocation and free of every connection takes one
/// process-wide mutex, which requests on two cores contend for, each wait a futex call into the kernel. Nothing reads them here.</item>
/// </list>
/// Both apply only before the library starts: once a connection has opened (in a process that did so first), SQLite
/// refuses them (SQLITE_MISUSE) and runs as it was, serialized, which is safe too.
/// </summary>
internal static class SqliteLibrary
{
    private static readonly Lazy<int> Configured = new(() =>
    {
        Batteries_V2.Init();
        raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
    });

    public static void Configure() => _ = Configured.Value;
}
