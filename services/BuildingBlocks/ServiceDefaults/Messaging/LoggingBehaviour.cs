using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using SharedKernel.Errors;

namespace ServiceDefaults.Messaging;

/// <summary>
/// Logs each command with its outcome and duration. Only the message's type is written, never its
/// content: a command may carry personal data. Queries are logged at Debug, as the request log
/// already names them.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string Name = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var isCommand = message is IBaseCommand;
        var level = isCommand ? LogLevel.Information : LogLevel.Debug;
        if (!logger.IsEnabled(level) && !logger.IsEnabled(LogLevel.Warning))
        {
            return await next(message, cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            LogHandled(level, Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (DomainException refused)
        {
            LogRefused(level, Name, refused.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            LogFailed(failed, Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(EventId = 6001, Message = "{Message} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(LogLevel level, string message, double elapsedMs);

    [LoggerMessage(EventId = 6002, Message = "{Message} refused ({Code}) in {ElapsedMs:0.0} ms")]
    private partial void LogRefused(LogLevel level, string message, string code, double elapsedMs);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "{Message} failed after {ElapsedMs:0.0} ms")]
    private partial void LogFailed(Exception exception, string message, double elapsedMs);
}
