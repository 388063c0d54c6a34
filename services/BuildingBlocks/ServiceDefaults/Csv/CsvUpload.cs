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

    /// <param name="request">The request whose body is the file.</param>
    /// <param name="maxBytes">The body limit.</param>
    /// <param name="header">The header row the file should start with, for the messages that refuse it.</param>
    /// <param name="record">What one row describes ("enterprise"), for the message that refuses an empty file.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The text, without its byte order mark.</returns>
    public static async Task<string> ReadAsync(HttpRequest request, long maxBytes, string header, string record, CancellationToken ct)
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

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new ApiException(413, ErrorCodes.PayloadTooLarge, "Request body too large", $"At most {maxBytes} bytes are accepted; split the file.");
            }
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, "The file is not valid UTF-8; save it as UTF-8 and send it again.");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // As in JSON bodies: no field has a use for NUL, and PostgreSQL cannot store it.
            throw new BadRequestException(ErrorCodes.InvalidParameter, "The file contains a NUL character; remove it and send the file again.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new BadRequestException(ErrorCodes.BodyRequired, $"The CSV body is empty; send a header row ({header}) and one row per {record}.");
        }

        return text;
    }
}
