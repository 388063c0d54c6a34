using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace ServiceDefaults.Http;

/// <summary>
/// JSON is UTF-8 (RFC 8259 §8.1): a JSON body declared in another charset
/// (<c>application/json; charset=latin1</c>) is a 415, not transcoded on a guess, so the text stored
/// is the text the caller meant.
/// </summary>
internal sealed class JsonCharsetMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType is not { } contentType
            || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !IsJson(mediaType) || mediaType.Charset.Length == 0
            || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        if (mediaType.Charset.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase))
        {
            // charset="utf-8" is as valid as charset=utf-8 (RFC 9110 §5.6.6), but the JSON reader looks
            // the quoted name up as an encoding and fails with a 500: it is given the plain name.
            mediaType.Charset = "utf-8";
            context.Request.ContentType = mediaType.ToString();
            return next(context);
        }

        throw new ApiException(415, ErrorCodes.UnsupportedMediaType, "Unsupported media type",
            "JSON bodies are UTF-8 only. Send the body in UTF-8, with charset=utf-8 or no charset.");
    }

    private static bool IsJson(MediaTypeHeaderValue mediaType) =>
        mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || (mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
            && mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
