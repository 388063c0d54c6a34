using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Deployment.Tests;

/// <summary>
/// YAML documents read as JSON nodes, which are easier to walk. Every scalar becomes a string (a
/// port is "8080", a flag "true"), and merge keys (&lt;&lt;: *anchor, as compose files use) are resolved.
/// </summary>
public static class Yaml
{
    public static IReadOnlyList<JsonObject> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(text))));
        return [.. stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>()];
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Value: { } value } => JsonValue.Create(value),
        _ => null,
    };

    /// <summary>A string at a path of property names (null when any part is missing).</summary>
    public static string? Text(this JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node is JsonValue value ? value.GetValue<string>() : null;
    }

    /// <summary>The node at a path of property names (null when any part is missing).</summary>
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node;
    }

    /// <summary>The items of the array at a path (none when it is missing).</summary>
    public static IEnumerable<JsonObject> Items(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary>The string pairs of the mapping at a path (none when it is missing).</summary>
    public static IReadOnlyDictionary<string, string> Map(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonObject o
            ? o.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>())
            : new Dictionary<string, string>();
}
