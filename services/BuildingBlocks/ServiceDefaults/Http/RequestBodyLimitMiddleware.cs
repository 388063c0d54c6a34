using SharedKernel.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Http;

public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>The largest request body accepted, in bytes (default 1 MiB).</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// Refuses an oversized body with 413 before anything reads it: at once when Content-Length says
/// so, and through the server's own limit for a chunked body.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var max = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > max)
        {
            throw new ApiException(413, ErrorCodes.PayloadTooLarge, "Request body too large",
                $"The body is {context.Request.ContentLength} bytes; at most {max} bytes are accepted.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max;
        }

        return next(context);
    }
}
