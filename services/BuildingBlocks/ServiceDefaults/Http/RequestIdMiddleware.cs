using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ServiceDefaults.Http;

/// <summary>
/// Correlates one call across the gateway and the services: takes <c>X-Request-Id</c> when the
/// caller sent a usable one, generates one otherwise, puts it on the request (so the proxy
/// forwards it), on the response, on every log line of the request, and in problem details.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string Header = "X-Request-Id";
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = context.Request.Headers[Header].ToString();
        if (!IsUsable(requestId))
        {
            requestId = Guid.NewGuid().ToString("N");
            context.Request.Headers[Header] = requestId;
        }

        context.TraceIdentifier = requestId;
        // Set as the response starts, so that a proxied service's copy of the header is replaced, not repeated.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = requestId;
            return Task.CompletedTask;
        });
        using (logger.BeginScope("X-Request-Id:{XRequestId}", requestId))
        {
            await next(context);
        }
    }

    private static bool IsUsable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
