using System.Text.Json;

namespace ServiceDefaults.Json;

/// <summary>
/// A JSON error whose message is written for the API's callers and is safe to show them as is
/// (the serializer's own messages name internal .NET types and are replaced).
/// </summary>
/// <param name="message">What is wrong, for the caller.</param>
/// <param name="field">The member at fault when the converter knows it better than the serializer's
/// path (a converter reading a whole object is at <c>$</c> for the serializer); null to use that path.</param>
public sealed class FieldJsonException(string message, string? field = null) : JsonException(message)
{
    public string? Field { get; } = field;
}
