using Microsoft.AspNetCore.Http;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Http;

/// <summary>
/// Refuses a header value that is not visible ASCII (RFC 9110 field-value without obs-text: bytes
/// 0x20–0x7E and tab) with a 400 naming the header. Kestrel takes such a value as UTF-8, but no hop
/// can carry it on (the gateway's HTTP client refused it, so an <c>Idempotency-Key: ключ</c>
/// was a 502), and no header of this API has a use for it.
/// </summary>
internal sealed class HeaderValuesMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (name, values) in context.Request.Headers)
        {
            if (!AllVisibleAscii(values))
            {
                // Lower case, as HTTP/2 writes names: the error keys are camel-cased on the way out.
                (errors ??= [])[name.ToLowerInvariant()] = ["Header values must be visible ASCII characters (percent-encode anything else)."];
            }
        }

        return errors is null
            ? next(context)
            : throw new BadRequestException(HttpErrorCodes.InvalidHeader,
                $"{string.Join(", ", errors.Keys)} carries characters outside visible ASCII.", errors);
    }

    private static bool AllVisibleAscii(Microsoft.Extensions.Primitives.StringValues values)
    {
        foreach (var value in values)
        {
            if (value is not null && value.AsSpan().ContainsAnyExcept(VisibleAscii))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly System.Buffers.SearchValues<char> VisibleAscii =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c), '\t']);
}
