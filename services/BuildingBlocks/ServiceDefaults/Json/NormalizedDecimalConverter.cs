using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceDefaults.Json;

/// <summary>
/// Writes a decimal without the trailing zeros of its stored scale (7420, not 7420.0000), so a
/// figure reads as the document prints it whichever database held it.
/// </summary>
public sealed class NormalizedDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? reader.GetDecimal()
            : throw new FieldJsonException("Expected a number.");

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value / 1.0000000000000000000000000000m);
}
