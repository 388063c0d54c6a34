using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace TestSupport;

/// <summary>
/// Keeps every log line a host writes, at every level: the formatted message, each structured
/// value, each scope and the whole exception, as a log sink would receive them.
/// </summary>
public sealed class LogRecorder : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}");
            Append(line, state);
            owner.scopes.ForEachScope((scope, text) => Append(text.Append(" scope: ").Append(scope), scope), line);
            if (exception is not null)
            {
                line.Append('\n').Append(exception);
            }

            owner.lines.Enqueue(line.ToString());
        }

        private static void Append(StringBuilder line, object? values)
        {
            if (values is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    line.Append(' ').Append(key).Append('=').Append(value);
                }
            }
        }
    }
}
