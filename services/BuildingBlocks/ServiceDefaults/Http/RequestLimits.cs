using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace ServiceDefaults.Http;

/// <summary>The <c>RequestLimits</c> section: the largest request this process takes, part by part.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>The largest request body accepted, in bytes (default 1 MiB).</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest CSV file a streamed import takes, in bytes (default 64 MiB, some 600,000 enterprise rows):
    /// an endpoint marked <see cref="StreamedImportMetadata"/> reads its body row by row, so it may be far larger
    /// than a JSON one.
    /// </summary>
    public long MaxImportBodyBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The body limit of an endpoint: the import limit for a streamed import, the JSON one for any other.</summary>
    public long MaxBodyBytesOf(EndpointMetadataCollection? metadata) =>
        metadata?.GetMetadata<StreamedImportMetadata>() is null ? MaxBodyBytes : MaxImportBodyBytes;

    /// <summary>The longest request line (method, target, version), in bytes (default 8 KiB).</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>The largest header section (every name and value), in bytes (default 32 KiB).</summary>
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>The most header fields one request carries (default 100).</summary>
    public int MaxHeaderCount { get; set; } = 100;

    /// <summary>The longest value of one query parameter (a filter, sort, cursor), in characters (default 256).</summary>
    public int MaxQueryValueLength { get; set; } = 256;

    internal bool IsValid => MaxBodyBytes > 0 && MaxImportBodyBytes > 0 && MaxRequestLineBytes > 0 && MaxHeaderBytes > 0 && MaxHeaderCount > 0 && MaxQueryValueLength > 0;
}

/// <summary>
/// Marks an endpoint that reads its CSV body as a stream (an import): <see cref="RequestBodyLimitMiddleware"/>
/// lets its body reach <see cref="RequestLimitsOptions.MaxImportBodyBytes"/>, and its contract states that limit,
/// where every other endpoint, a buffered import included, keeps the JSON one.
/// </summary>
public sealed record StreamedImportMetadata;

public static class StreamedImportEndpoints
{
    public static RouteHandlerBuilder WithStreamedImport(this RouteHandlerBuilder builder) => builder.WithMetadata(new StreamedImportMetadata());
}

internal static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<RequestLimitsOptions>().Bind(configuration.GetSection(RequestLimitsOptions.Section))
            .Validate(o => o.IsValid, "RequestLimits: every limit must be positive.").ValidateOnStart();
        // Kestrel refuses what is over its own limits before any middleware runs, with a status and no
        // body. Its limits are set at twice ours, so a request a little over ours (a 9 KB URL, 40 KB of
        // headers) reaches RequestLimitsMiddleware and is told why; only a grossly oversized one gets
        // Kestrel's bare answer, and the memory a connection may hold stays bounded.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestLineSize = 2 * limits.Value.MaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * limits.Value.MaxHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = 2 * limits.Value.MaxHeaderCount;
            // Header bytes that are not UTF-8 (Idempotency-Key: 0xFF 0xFE) made Kestrel answer a bare
            // 400. Read as Latin-1 every byte decodes, and HeaderValuesMiddleware refuses anything
            // outside ASCII with a problem that names the header.
            kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
        });
        return services;
    }
}

/// <summary>
/// Refuses a request over the limits of its request line (414) and header section (431) with a problem
/// before anything reads it; the body's limit depends on the endpoint, so <see cref="RequestBodyLimitMiddleware"/>
/// applies it once the request is routed.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limits = options.Value;
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        var requestLine = request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length;
        if (requestLine > limits.MaxRequestLineBytes)
        {
            throw new ApiException(414, HttpErrorCodes.UriTooLong, "URI too long",
                $"The request line is {requestLine} bytes; at most {limits.MaxRequestLineBytes} are accepted. Send fewer or shorter query parameters.");
        }

        var (fields, bytes) = HeaderSize(request.Headers);
        if (fields > limits.MaxHeaderCount || bytes > limits.MaxHeaderBytes)
        {
            throw new ApiException(431, HttpErrorCodes.HeadersTooLarge, "Request header fields too large",
                $"The request carries {fields} header fields in {bytes} bytes; at most {limits.MaxHeaderCount} fields in {limits.MaxHeaderBytes} bytes are accepted.");
        }

        return next(context);
    }

    /// <summary>Fields and bytes as sent: each <c>name: value</c> line with its CRLF.</summary>
    private static (int Fields, long Bytes) HeaderSize(IHeaderDictionary headers)
    {
        var fields = 0;
        long bytes = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                fields++;
                bytes += name.Length + 2 + (value?.Length ?? 0) + 2;
            }
        }

        return (fields, bytes);
    }
}

/// <summary>
/// 413 for a body over the routed endpoint's limit (<see cref="RequestLimitsOptions.MaxBodyBytesOf"/>): at once
/// when Content-Length says so, and through the server's own limit for a chunked one. It runs after routing and
/// before anything reads the body; a request that matches no endpoint has the JSON limit.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var maxBodyBytes = options.Value.MaxBodyBytesOf(context.GetEndpoint()?.Metadata);
        if (context.Request.ContentLength > maxBodyBytes)
        {
            throw new ApiException(413, ErrorCodes.PayloadTooLarge, "Request body too large",
                $"The body is {context.Request.ContentLength} bytes; at most {maxBodyBytes} bytes are accepted.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBodyBytes;
        }

        return next(context);
    }
}
