using System.Text.Json;

namespace ServiceDefaults.Json;

/// <summary>
/// A JSON error whose message is written for the API's callers and is safe to show them as is
/// (the serializer's own messages name internal .NET types and are replaced).
/// </summary>
public sealed class FieldJsonException(string message) : JsonException(message);
