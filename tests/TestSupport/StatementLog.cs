using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TestSupport;

/// <summary>Keeps the text of every query a service runs: register it as an <see cref="IInterceptor"/> of the host.</summary>
public sealed class StatementLog : DbCommandInterceptor
{
    public ConcurrentQueue<string> Texts { get; } = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}
