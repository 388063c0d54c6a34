using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceDefaults.Json;

/// <summary>
/// Reads a decimal only when every significant digit the caller sent is kept (1e-30 would be
/// stored as 0, and a 31st digit dropped, without a word); writes it without the trailing zeros
/// of its stored scale (7420, not 7420.0000), so a figure reads as the document prints it
/// whichever database held it.
/// </summary>
public sealed class NormalizedDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new FieldJsonException("Expected a number.");
        }

        var value = reader.GetDecimal();
        var sent = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        return SignificantDigits(sent.Split('e', 'E')[0]) == SignificantDigits(Normalize(value).ToString(CultureInfo.InvariantCulture))
            ? value
            : throw new FieldJsonException("The number has more significant digits than can be kept (at most 28), or is too small to keep.");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Normalize(value));

    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>The digits of a plain number between its first and last non-zero digit.</summary>
    private static string SignificantDigits(string number) =>
        new string(number.Where(char.IsAsciiDigit).ToArray()).Trim('0');
}
