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

    /// <summary>The text of every statement read with, and the values of its parameters by name (without a leading @).</summary>
    public ConcurrentQueue<(string Text, IReadOnlyDictionary<string, object?> Values)> Reads { get; } = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Texts.Enqueue(command.CommandText);
        Reads.Enqueue((command.CommandText,
            command.Parameters.Cast<DbParameter>().ToDictionary(p => p.ParameterName.TrimStart('@'), p => p.Value is DBNull ? null : p.Value)));
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
