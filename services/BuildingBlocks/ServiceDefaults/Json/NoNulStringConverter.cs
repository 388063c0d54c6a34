using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceDefaults.Json;

/// <summary>
/// Refuses a NUL character in any string at the door (400): PostgreSQL cannot store one in text,
/// and no field of this API has a use for it.
/// </summary>
public sealed class NoNulStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new FieldJsonException("Expected a string.");
        }

        var value = reader.GetString()!;
        return value.Contains('\0', StringComparison.Ordinal) ? throw new FieldJsonException("NUL characters are not allowed.") : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
