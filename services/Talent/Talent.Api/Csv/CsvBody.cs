using SharedKernel.Errors;
using System.Text;
using Microsoft.Net.Http.Headers;
using ServiceDefaults.Problems;

namespace Talent.Api.Csv;

/// <summary>Reads a text/csv request body as UTF-8 text within the body limit, or answers 415, 413 or 400.</summary>
internal static class CsvBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<string> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals(TalentCsv.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(415, ErrorCodes.UnsupportedMediaType, "Unsupported media type",
                $"Send the file as {TalentCsv.MediaType} (UTF-8, header row {string.Join(",", TalentCsv.Columns)}).");
        }

        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(415, ErrorCodes.UnsupportedMediaType, "Unsupported media type",
                $"The file must be UTF-8, not {type.Charset}.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new ApiException(413, ErrorCodes.PayloadTooLarge, "Request body too large",
                    $"At most {maxBytes} bytes are accepted; split the file.");
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
            throw new BadRequestException(ErrorCodes.BodyRequired,
                $"The CSV body is empty; send a header row ({string.Join(",", TalentCsv.Columns)}) and one row per person.");
        }

        return text;
    }
}
