using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace ServiceDefaults.Paging;

/// <summary>
/// Keyset cursors: the sort keys of the last item of a page, with the sort and the filters they were read under,
/// as base64url text followed by a check of 12 bytes (SHA-256 of the payload and the filters). A cursor names no
/// more than a position in a list its holder may read, so it needs no secret; the check refuses one that was cut,
/// altered, or sent with other filters, and its values are read only as the types of the sort keys, so no cursor
/// reaches the database except as typed parameters. A refused cursor is a 400 naming <c>cursor</c>.
/// </summary>
public static class Cursors
{
    /// <summary>The longest cursor accepted or issued (within the 256 characters any query value may take).</summary>
    public const int MaxLength = 256;

    private const int CheckBytes = 12;

    // Text as UTF-8, not \u escapes: a Chinese name takes 3 bytes a character in the cursor instead of 6.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The cursor after an item whose keys are <paramref name="values"/>, or null when it would be too long to pass back.</summary>
    public static string? Encode(string sort, string scope, IReadOnlyList<object?> values)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new object?[] { sort, values }, Json);
        var text = Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Check(payload, scope));
        return text.Length <= MaxLength ? text : null;
    }

    /// <summary>The key values a cursor holds, each read as its key's type; a 400 when the cursor was not issued for this sort and these filters.</summary>
    public static object?[] Decode(string cursor, string sort, string scope, IReadOnlyList<Type> keyTypes)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (cursor.Length > MaxLength || dot < 0)
        {
            throw Refused("The cursor is not one this list issued: pass nextCursor back unchanged.");
        }

        byte[] payload, check;
        try
        {
            payload = Base64Url.DecodeFromChars(cursor.AsSpan(0, dot));
            check = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            throw Refused("The cursor is not one this list issued: pass nextCursor back unchanged.");
        }

        if (!CryptographicOperations.FixedTimeEquals(check, Check(payload, scope)))
        {
            throw Refused("The cursor was altered, or belongs to a list with other filters: pass nextCursor back unchanged, with the filters it came with.");
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2 || root[0].ValueKind != JsonValueKind.String
                || root[1].ValueKind != JsonValueKind.Array || root[1].GetArrayLength() != keyTypes.Count)
            {
                throw Refused("The cursor is not one this list issued: pass nextCursor back unchanged.");
            }

            if (root[0].GetString() != sort)
            {
                throw Refused("The cursor belongs to another sort: pass it back with the sort it came with, or start again without a cursor.");
            }

            var values = new object?[keyTypes.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = root[1][i].Deserialize(keyTypes[i], Json)
                    ?? throw Refused("The cursor is not one this list issued: pass nextCursor back unchanged.");
            }

            return values;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw Refused("The cursor is not one this list issued: pass nextCursor back unchanged.");
        }
    }

    /// <summary>The filters a list's cursors are bound to, as one string (each value as the handler applies it).</summary>
    public static string Scope(params string?[] filters) => string.Join('\u001f', filters.Select(f => f ?? "\u001e"));

    private static byte[] Check(byte[] payload, string scope)
    {
        var scopeBytes = Encoding.UTF8.GetBytes(scope);
        var buffer = new byte[payload.Length + 1 + scopeBytes.Length];
        payload.CopyTo(buffer, 0);
        scopeBytes.CopyTo(buffer, payload.Length + 1);
        return SHA256.HashData(buffer)[..CheckBytes];
    }

    /// <summary>A 400 that names <c>cursor</c>: the one refusal of every list that pages by cursor.</summary>
    public static BadRequestException Refused(string message) =>
        new(ErrorCodes.InvalidParameter, message, new Dictionary<string, string[]> { ["cursor"] = [message] });
}
