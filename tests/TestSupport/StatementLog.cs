using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TestSupport;

/// <summary>
/// Keeps the text of every statement a service runs through EF Core (queries, and commands such as a <c>DELETE</c> that
/// read nothing back): register it as an <see cref="IInterceptor"/> of the host.
/// </summary>
public sealed class StatementLog : DbCommandInterceptor
{
    public ConcurrentQueue<string> Texts { get; } = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}
