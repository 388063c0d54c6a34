using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceDefaults.Json;

/// <summary>
/// Reads a body bound as a <see cref="JsonObject"/> (every merge patch) with the rules the typed
/// bodies follow: a member named twice, also in another case (<c>"title"</c> and <c>"Title"</c>,
/// since names are case-insensitive), is refused rather than crashing the dictionary or letting the
/// last one win; text that is not Unicode (invalid UTF-8 bytes, an escaped lone surrogate such as
/// <c>"\ud800"</c>) is refused rather than stored as U+FFFD; and NUL is refused as in every string.
/// The serializer's own JsonObject reading keeps strings as raw bytes and checks none of this.
/// </summary>
public sealed class StrictJsonObjectConverter : JsonConverter<JsonObject>
{
    public override JsonObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FieldJsonException("Expected a JSON object.");
        }

        return ReadObject(ref reader, new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive }, "");
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);

    private static JsonObject ReadObject(ref Utf8JsonReader reader, JsonNodeOptions nodeOptions, string path)
    {
        var result = new JsonObject(nodeOptions);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Text(ref reader, path);
            var member = path.Length == 0 ? name : $"{path}.{name}";
            if (!names.Add(name))
            {
                throw new FieldJsonException("This member appears more than once (names are case-insensitive); send it once.", member);
            }

            reader.Read();
            result[name] = ReadValue(ref reader, nodeOptions, member);
        }

        return result;
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, JsonNodeOptions nodeOptions, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, nodeOptions, path);
            case JsonTokenType.StartArray:
                var array = new JsonArray(nodeOptions);
                for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
                {
                    array.Add(ReadValue(ref reader, nodeOptions, $"{path}[{index}]"));
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(Text(ref reader, path), nodeOptions);
            case JsonTokenType.Null:
                return null;
            default:
                // Numbers keep the text the caller sent, so the typed model's converters judge them as in any body.
                return JsonValue.Create(JsonElement.ParseValue(ref reader), nodeOptions);
        }
    }

    /// <summary>A property name or string value, refused unless it is valid Unicode without NUL.</summary>
    private static string Text(ref Utf8JsonReader reader, string path)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new FieldJsonException("The text is not valid Unicode (invalid UTF-8, or an unpaired surrogate escape).", Field(path));
        }

        return text.Contains('\0', StringComparison.Ordinal)
            ? throw new FieldJsonException("NUL characters are not allowed.", Field(path))
            : text;
    }

    private static string Field(string path) => path.Length == 0 ? "$" : path;
}
