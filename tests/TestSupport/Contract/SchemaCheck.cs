using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TestSupport.Contract;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.0 schema, for the keywords the documents use: type and
/// nullable, enum, required, properties and additionalProperties, items, maxLength, maxItems, minimum
/// and maximum, pattern, date and date-time formats, allOf, oneOf and anyOf. Each mismatch is reported
/// with the JSON path where it is.
/// </summary>
public sealed class SchemaCheck(ContractDocument document)
{
    public List<string> Check(JsonNode? value, JsonNode schema, string path = "$")
    {
        var problems = new List<string>();
        Visit(value, schema, path, problems);
        return problems;
    }

    private void Visit(JsonNode? value, JsonNode schemaNode, string path, List<string> problems)
    {
        var schema = document.Resolve(schemaNode);
        if (value is null)
        {
            if (!Nullable(schema))
            {
                problems.Add($"{path}: null, but the schema does not allow null");
            }

            return;
        }

        foreach (var part in schema["allOf"]?.AsArray() ?? [])
        {
            Visit(value, part!, path, problems);
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema[keyword] is JsonArray choices && !choices.Any(choice => Check(value, choice!, path).Count == 0))
            {
                problems.Add($"{path}: matches none of the {keyword} schemas");
            }
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            problems.Add($"{path}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        switch (schema["type"]?.GetValue<string>())
        {
            case "object":
                CheckObject(value, schema, path, problems);
                break;
            case "array":
                CheckArray(value, schema, path, problems);
                break;
            case "string":
                CheckString(value, schema, path, problems);
                break;
            case "integer" or "number" when value.GetValueKind() != JsonValueKind.Number:
                problems.Add($"{path}: {value.ToJsonString()} is not a number");
                break;
            case "integer" or "number":
                CheckNumber(value.GetValue<decimal>(), schema, path, problems);
                break;
            case "boolean" when value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False):
                problems.Add($"{path}: {value.ToJsonString()} is not a boolean");
                break;
        }
    }

    /// <summary>OpenAPI 3.0: <c>nullable: true</c>, on the schema or on what it extends with allOf.</summary>
    private bool Nullable(JsonObject schema) =>
        schema["nullable"]?.GetValue<bool>() == true
        || (schema["allOf"]?.AsArray().Any(part => Nullable(document.Resolve(part!))) ?? false)
        || (schema["oneOf"] ?? schema["anyOf"])?.AsArray().Any(part => Nullable(document.Resolve(part!))) == true;

    private void CheckObject(JsonNode value, JsonObject schema, string path, List<string> problems)
    {
        if (value is not JsonObject actual)
        {
            problems.Add($"{path}: {value.ToJsonString()} is not an object");
            return;
        }

        foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
        {
            if (!actual.ContainsKey(required))
            {
                problems.Add($"{path}: required member '{required}' is missing");
            }
        }

        var properties = schema["properties"]?.AsObject();
        var additional = schema["additionalProperties"];
        foreach (var (name, member) in actual)
        {
            if (properties?[name] is { } declared)
            {
                Visit(member, declared, $"{path}.{name}", problems);
            }
            else if (additional is JsonObject extra)
            {
                Visit(member, extra, $"{path}.{name}", problems);
            }
            else if (additional?.GetValueKind() == JsonValueKind.False)
            {
                problems.Add($"{path}: member '{name}' is not in the schema");
            }
        }
    }

    private void CheckArray(JsonNode value, JsonObject schema, string path, List<string> problems)
    {
        if (value is not JsonArray items)
        {
            problems.Add($"{path}: {value.ToJsonString()} is not an array");
            return;
        }

        if (schema["maxItems"]?.GetValue<int>() is { } maxItems && items.Count > maxItems)
        {
            problems.Add($"{path}: {items.Count} items, more than maxItems {maxItems}");
        }

        for (var i = 0; i < items.Count && schema["items"] is { } itemSchema; i++)
        {
            Visit(items[i], itemSchema, $"{path}[{i}]", problems);
        }
    }

    private static void CheckString(JsonNode value, JsonObject schema, string path, List<string> problems)
    {
        if (value.GetValueKind() != JsonValueKind.String)
        {
            problems.Add($"{path}: {value.ToJsonString()} is not a string");
            return;
        }

        var text = value.GetValue<string>();
        if (schema["maxLength"]?.GetValue<int>() is { } maxLength && text.Length > maxLength)
        {
            problems.Add($"{path}: {text.Length} characters, more than maxLength {maxLength}");
        }

        if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant))
        {
            problems.Add($"{path}: '{text}' does not match {pattern}");
        }

        var valid = schema["format"]?.GetValue<string>() switch
        {
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && text.Contains('T'),
            _ => true,
        };
        if (!valid)
        {
            problems.Add($"{path}: '{text}' is not a {schema["format"]}");
        }
    }

    private static void CheckNumber(decimal number, JsonObject schema, string path, List<string> problems)
    {
        if (schema["type"]!.GetValue<string>() == "integer" && number != decimal.Truncate(number))
        {
            problems.Add($"{path}: {number} is not an integer");
        }

        if (schema["minimum"] is { } minimum && number < minimum.GetValue<decimal>())
        {
            problems.Add($"{path}: {number} is below the minimum {minimum}");
        }

        if (schema["maximum"] is { } maximum && number > maximum.GetValue<decimal>())
        {
            problems.Add($"{path}: {number} is above the maximum {maximum}");
        }
    }
}
