using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace ServiceDefaults.Csv;

/// <summary>Reads a text/csv request body as UTF-8 text within the body limit, or answers 415, 413 or 400.</summary>
public static class CsvUpload
{
    public const string MediaType = "text/csv";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The body as UTF-8 text read as it arrives, for a file too large to hold: its byte order mark is
    /// skipped, and reading it throws the answer the whole file would get from <see cref="ReadAsync"/> as
    /// soon as the bytes read show it: 413 past <paramref name="maxBytes"/>, 400 for a NUL or bytes that are
    /// not UTF-8. Whatever was done with the rows before must be undone by the caller's transaction.
    /// </summary>
    /// <param name="request">The request whose body is the file.</param>
    /// <param name="maxBytes">The body limit.</param>
    /// <param name="header">The header row the file should start with, for the message that refuses another type.</param>
    public static TextReader OpenStream(HttpRequest request, long maxBytes, string header)
    {
        EnsureCsv(request, header);
        return new CsvBodyReader(new CsvBodyStream(request.Body, maxBytes));
    }

    private static void EnsureCsv(HttpRequest request, string header)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(415, ErrorCodes.UnsupportedMediaType, "Unsupported media type",
                $"Send the file as {MediaType} (UTF-8, header row {header}).");
        }

        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(415, ErrorCodes.UnsupportedMediaType, "Unsupported media type", $"The file must be UTF-8, not {type.Charset}.");
        }
    }

    private static ApiException TooLarge(long maxBytes) =>
        new(413, ErrorCodes.PayloadTooLarge, "Request body too large", $"At most {maxBytes} bytes are accepted; split the file.");

    private static BadRequestException NotUtf8() =>
        new(ErrorCodes.InvalidParameter, "The file is not valid UTF-8; save it as UTF-8 and send it again.");

    // As in JSON bodies: no field has a use for NUL, and PostgreSQL cannot store it.
    private static BadRequestException HasNul() =>
        new(ErrorCodes.InvalidParameter, "The file contains a NUL character; remove it and send the file again.");

    /// <param name="request">The request whose body is the file.</param>
    /// <param name="maxBytes">The body limit.</param>
    /// <param name="header">The header row the file should start with, for the messages that refuse it.</param>
    /// <param name="record">What one row describes ("enterprise"), for the message that refuses an empty file.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The text, without its byte order mark.</returns>
    public static async Task<string> ReadAsync(HttpRequest request, long maxBytes, string header, string record, CancellationToken ct)
    {
        EnsureCsv(request, header);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw HasNul();
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new BadRequestException(ErrorCodes.BodyRequired, $"The CSV body is empty; send a header row ({header}) and one row per {record}.");
        }

        return text;
    }

    /// <summary>The request body, refused past the limit or at a NUL byte (in UTF-8 the only encoding of U+0000).</summary>
    private sealed class CsvBodyStream(Stream body, long maxBytes) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Check(buffer.AsSpan(offset, body.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = await body.ReadAsync(buffer, cancellationToken);
            return Check(buffer.Span[..count]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Check(ReadOnlySpan<byte> bytes)
        {
            read += bytes.Length;
            if (read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            return bytes.Contains((byte)0) ? throw HasNul() : bytes.Length;
        }
    }

    /// <summary>Strict UTF-8 text of the body, its byte order mark skipped; bytes that are not UTF-8 are a 400.</summary>
    private sealed class CsvBodyReader(Stream body) : TextReader
    {
        private readonly StreamReader text =
            new(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);

        public override int Peek() => Decoded(text.Peek);

        public override int Read() => Decoded(text.Read);

        public override int Read(char[] buffer, int index, int count) => Decoded(() => text.Read(buffer, index, count));

        public override int Read(Span<char> buffer)
        {
            try
            {
                return text.Read(buffer);
            }
            catch (DecoderFallbackException)
            {
                throw NotUtf8();
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await text.ReadAsync(buffer, cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                throw NotUtf8();
            }
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                text.Dispose();
            }

            base.Dispose(disposing);
        }

        private static int Decoded(Func<int> read)
        {
            try
            {
                return read();
            }
            catch (DecoderFallbackException)
            {
                throw NotUtf8();
            }
        }
    }
}
