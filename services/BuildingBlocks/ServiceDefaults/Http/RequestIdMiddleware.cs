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
            requestId = NewId();
            context.Request.Headers[Header] = requestId;
        }

        context.TraceIdentifier = requestId;
        // Set as the response starts, so that a proxied service's copy of the header is replaced, not repeated.
        context.Response.OnStarting(SetResponseHeader, context);
        using (Scope(logger, requestId))
        {
            await next(context);
        }
    }

    /// <summary>
    /// A new id: 32 lowercase hex digits, a random prefix drawn once per process and a counter, so ids are
    /// unique across processes and replicas without a call for random bytes on every request (a new GUID
    /// read the kernel's random source: about a twentieth of a region lookup's CPU). An id correlates log
    /// lines; it grants nothing, so being guessable from the one before it reveals nothing.
    /// </summary>
    private static string NewId() => string.Create(32, Interlocked.Increment(ref sequence), static (digits, number) =>
    {
        ProcessPrefix.CopyTo(digits);
        number.TryFormat(digits[16..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
    });

    private static readonly string ProcessPrefix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private static long sequence;

    private static readonly Func<ILogger, string, IDisposable?> Scope = LoggerMessage.DefineScope<string>("X-Request-Id:{XRequestId}");

    private static Task SetResponseHeader(object state)
    {
        var context = (HttpContext)state;
        context.Response.Headers[Header] = context.TraceIdentifier;
        return Task.CompletedTask;
    }

    private static bool IsUsable(string value) =>
        value.Length is > 0 and <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed);

    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");
}
