using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceDefaults.Json;

/// <summary>The one JSON shape of the API: camelCase, string enums, no unknown or repeated members accepted.</summary>
public static class JsonDefaults
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // A misspelt field must not be dropped silently: the caller would believe it was stored.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        // {"code":"A","code":"B"} (or "code" and "Code") is refused, not read as its last member: a
        // caller, a proxy and this service could each read a different document.
        options.AllowDuplicateProperties = false;
        options.Converters.Insert(0, new StrictStringEnumConverter());
        options.Converters.Insert(1, new NormalizedDecimalConverter());
        options.Converters.Insert(2, new NoNulStringConverter());
        options.Converters.Insert(3, new StrictJsonObjectConverter());
    }
}
