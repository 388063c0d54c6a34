using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceDefaults.Json;

/// <summary>
/// Enums travel as strings: camelCase by default, or the name given by
/// <see cref="JsonStringEnumMemberNameAttribute"/>. Unlike the built-in converter it rejects
/// numbers and answers an unknown value with the list of allowed ones, so a caller sees
/// <c>'fiveYear' is not one of: fiveYearPlan, actionPlan, outline.</c>
/// </summary>
public sealed class StrictStringEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The wire names of an enum's members, in declaration order.</summary>
    public static IReadOnlyList<string> NamesOf(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(WireName).ToArray();

    private static string WireName(FieldInfo field) =>
        field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
        ?? JsonNamingPolicy.CamelCase.ConvertName(field.Name);

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly FrozenDictionary<string, T> ByName = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(WireName, f => (T)f.GetValue(null)!, StringComparer.OrdinalIgnoreCase);

        private static readonly FrozenDictionary<T, string> ByValue = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(f => (T)f.GetValue(null)!, WireName);

        private static readonly string Allowed = string.Join(", ", NamesOf(typeof(T)));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new FieldJsonException($"Expected a string, one of: {Allowed}.");
            }

            var text = reader.GetString()!;
            return ByName.TryGetValue(text, out var value)
                ? value
                : throw new FieldJsonException($"'{text}' is not one of: {Allowed}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(ByValue[value]);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(ByValue[value]);
    }
}
