using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ServiceDefaults.Http;

/// <summary>Marks an endpoint whose answers are never compressed: see <see cref="ResponseCompression"/>.</summary>
public sealed class NoResponseCompressionAttribute : Attribute;

/// <summary>
/// Marks an endpoint whose answers another server has already framed and compressed (the gateway's
/// proxied routes): they stream through as they come, neither held nor compressed again.
/// </summary>
public sealed class PassThroughResponseAttribute : Attribute;

/// <summary>
/// Brotli or gzip for JSON and CSV answers of at least <see cref="MinimumBytes"/> (a smaller one
/// gains nothing). Over TLS too, since TLS ends in front of the gateway; BREACH is answered by
/// endpoint instead: one whose answer carries a secret (the token endpoint) is marked
/// <see cref="NoResponseCompressionAttribute"/> and never compressed, so its length reveals nothing.
/// </summary>
public static class ResponseCompression
{
    public const int MinimumBytes = 1024;

    /// <summary>Answers of this endpoint are sent uncompressed (they carry a secret).</summary>
    public static TBuilder WithoutResponseCompression<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NoResponseCompressionAttribute());

    /// <summary>Answers of this endpoint are passed on as they come: see <see cref="PassThroughResponseAttribute"/>.</summary>
    public static TBuilder WithPassThroughResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PassThroughResponseAttribute());

    internal static IServiceCollection AddServiceResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["application/json", "application/problem+json", "text/csv"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, ThresholdCompressionProvider>();
        return services;
    }

    /// <summary>Compression, with answers below the threshold held back until their length is known.</summary>
    internal static WebApplication UseServiceResponseCompression(this WebApplication app)
    {
        app.UseResponseCompression();
        app.Use(MeasureSmallAnswers);
        return app;
    }

    /// <summary>
    /// JSON results stream without a Content-Length, so the compressor cannot see how large they are.
    /// The first <see cref="MinimumBytes"/> are held: an answer that ends within them goes out with its
    /// Content-Length and uncompressed, a longer one streams on (and is compressed).
    /// </summary>
    private static async Task MeasureSmallAnswers(HttpContext context, RequestDelegate next)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var held = new HeldStartStream(context, original.Stream);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(held, original));
        try
        {
            await next(context);
            await held.FinishAsync(context.RequestAborted);
        }
        finally
        {
            context.Features.Set(original);
        }
    }

    private sealed class ThresholdCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : IResponseCompressionProvider
    {
        private readonly ResponseCompressionProvider inner = new(services, options);

        public ICompressionProvider? GetCompressionProvider(HttpContext context) => inner.GetCompressionProvider(context);

        public bool CheckRequestAcceptsCompression(HttpContext context) => inner.CheckRequestAcceptsCompression(context);

        public bool ShouldCompressResponse(HttpContext context) =>
            context.Response.ContentLength is not < MinimumBytes && !IsExcluded(context.GetEndpoint()) && inner.ShouldCompressResponse(context);

        private static bool IsExcluded(Endpoint? endpoint) =>
            endpoint?.Metadata.GetMetadata<NoResponseCompressionAttribute>() is not null
            || endpoint?.Metadata.GetMetadata<PassThroughResponseAttribute>() is not null;
    }

    /// <summary>
    /// Holds the first bytes of an answer, in a pooled buffer, until they pass the threshold or the
    /// answer ends. An answer of a pass-through endpoint is not held at all.
    /// </summary>
    private sealed class HeldStartStream(HttpContext context, Stream inner) : Stream
    {
        private byte[]? start;
        private int length;
        private bool released;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!released && start is null && context.GetEndpoint()?.Metadata.GetMetadata<PassThroughResponseAttribute>() is not null)
            {
                released = true;
            }

            if (released)
            {
                await inner.WriteAsync(buffer, cancellationToken);
                return;
            }

            start ??= ArrayPool<byte>.Shared.Rent(MinimumBytes);
            if (length + buffer.Length < MinimumBytes)
            {
                buffer.Span.CopyTo(start.AsSpan(length));
                length += buffer.Length;
                return;
            }

            await ReleaseAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>A flush while the start is held would send the headers before the length is known: it waits.</summary>
        public override Task FlushAsync(CancellationToken cancellationToken) =>
            released ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        /// <summary>The answer is complete: a short one goes out whole, with its length.</summary>
        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            if (released)
            {
                return;
            }

            // An empty answer gets no length here: a status without a body is still to be given one by the status code pages.
            var response = context.Response;
            if (length > 0 && !response.HasStarted && response.ContentLength is null)
            {
                response.ContentLength = length;
            }

            await ReleaseAsync(cancellationToken);
        }

        private async Task ReleaseAsync(CancellationToken cancellationToken)
        {
            released = true;
            if (start is { } held)
            {
                start = null;
                try
                {
                    if (length > 0)
                    {
                        await inner.WriteAsync(held.AsMemory(0, length), cancellationToken);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(held);
                }
            }
        }

        public override ValueTask DisposeAsync()
        {
            if (start is { } held)
            {
                start = null;
                ArrayPool<byte>.Shared.Return(held);
            }

            return base.DisposeAsync();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
