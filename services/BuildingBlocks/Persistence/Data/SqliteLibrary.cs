using SQLitePCL;

namespace Persistence;

/// <summary>
/// How the process's SQLite library runs, set once before its first connection. Without memory statistics:
/// with them (SQLite's default) every allocation and free of every connection takes one process-wide mutex,
/// which requests on two cores contend for, each wait a futex call into the kernel. Nothing reads them here.
/// </summary>
internal static class SqliteLibrary
{
    private static readonly Lazy<int> Configured = new(() =>
    {
        Batteries_V2.Init();
        // SQLITE_MISUSE when the library already started (a connection opened before): the setting then stays as it was.
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
    });

    public static void Configure() => _ = Configured.Value;
}
