using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Persistence;

/// <summary>
/// Reads PostgreSQL runs on a generic plan, planned once per connection whatever its parameters, or on a custom plan, planned
/// for the parameters of each run.
/// </summary>
/// <remarks>
/// PostgreSQL plans a prepared statement again for each execution's parameters (a custom plan) for as long as the plan
/// it would keep for any parameters (the generic plan) looks dearer to it; after five executions it may settle on the
/// generic plan for good. For a page by cursor the cursor is a parameter, and where the page joins three or four tables,
/// planning it cost more than running it: the enterprises holding HighTech, 10,000 holders in, planned in 0.4–0.8 ms and
/// ran in 0.3–0.5 ms at a million enterprises. Only a read whose best plan does not depend on its parameters may be given
/// a generic plan (<see cref="OnGenericPlan{T}"/>). A read whose best plan depends on them is kept from ever settling on
/// the generic one (<see cref="OnCustomPlan{T}"/>): for a name search, whose plan depends on the words searched, a generic
/// plan walked the whole register for a word no name holds (3.2 s instead of 4 ms).
/// <para>
/// A marked read is sent after <c>set_config('plan_cache_mode', …, true)</c>, in the same command (<see cref="Interceptor"/>):
/// Npgsql sends a command's statements together, ended by one Sync, and PostgreSQL runs them in one implicit transaction,
/// so the setting holds for the read and ends with it, on success or failure, in the read's one round trip. (<c>SET
/// LOCAL</c> does the same but warns, outside a transaction block, on every read; an explicit transaction cost two more
/// round trips, <c>BEGIN</c> with the setting and <c>COMMIT</c>.) A read inside a transaction already open, which the
/// setting would outlast, and any read on SQLite run as they are.
/// </para>
/// </remarks>
public static class QueryPlans
{
    private const string GenericTag = "generic plan";

    private const string CustomTag = "custom plan";

    /// <summary>
    /// Each mark: the tag that marks a query (<see cref="EntityFrameworkQueryableExtensions.TagWith{T}"/>), and the statement
    /// sent before it, which answers one row that the read's reader skips.
    /// </summary>
    private static readonly (string Marked, string Setting)[] Marks =
    [
        (Mark(GenericTag), Setting("force_generic_plan")),
        (Mark(CustomTag), Setting("force_custom_plan")),
    ];

    /// <summary>What sends a marked read after its setting; added to every PostgreSQL context.</summary>
    public static IInterceptor Interceptor { get; } = new SettingInterceptor();

    /// <summary>Marks the query to be read on PostgreSQL's generic plan.</summary>
    public static IQueryable<T> OnGenericPlan<T>(this IQueryable<T> query) => query.TagWith(GenericTag);

    /// <summary>Marks the query to be planned by PostgreSQL for the parameters of each run.</summary>
    public static IQueryable<T> OnCustomPlan<T>(this IQueryable<T> query) => query.TagWith(CustomTag);

    private static string Mark(string tag) => "-- " + tag + Environment.NewLine;

    private static string Setting(string mode) => $"SELECT set_config('plan_cache_mode', '{mode}', true);\n";

    private sealed class SettingInterceptor : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result)
        {
            Prepend(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Prepend(command);
            return ValueTask.FromResult(result);
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            if (Prepended(command))
            {
                try
                {
                    result.NextResult();
                }
                catch
                {
                    // EF Core never gets this reader to dispose, and the connection takes no other command while it is open.
                    result.Dispose();
                    throw;
                }
            }

            return result;
        }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (Prepended(command))
            {
                try
                {
                    await result.NextResultAsync(cancellationToken);
                }
                catch
                {
                    await result.DisposeAsync();
                    throw;
                }
            }

            return result;
        }

        private static void Prepend(DbCommand command)
        {
            if (command.Transaction is not null)
            {
                return;
            }

            foreach (var (marked, setting) in Marks)
            {
                if (command.CommandText.StartsWith(marked, StringComparison.Ordinal))
                {
                    command.CommandText = setting + command.CommandText;
                    return;
                }
            }
        }

        private static bool Prepended(DbCommand command) =>
            Array.Exists(Marks, mark => command.CommandText.StartsWith(mark.Setting, StringComparison.Ordinal));
    }
}
