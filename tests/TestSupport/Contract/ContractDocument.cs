using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TestSupport.Contract;

/// <summary>
/// A committed OpenAPI 3.0 document, read the way a client reads it: which operation a request reaches
/// (path templates matched segment by segment, literal segments preferred over parameters), and what
/// each of its responses may be. References (<c>$ref</c>) resolve within the document.
/// </summary>
public sealed class ContractDocument
{
    private static readonly ConcurrentDictionary<string, ContractDocument> Loaded = new();
    private readonly List<(string Template, Regex Pattern, int Literals, JsonObject Item)> paths = [];

    private ContractDocument(JsonObject root)
    {
        Root = root;
        foreach (var (template, item) in root["paths"]!.AsObject())
        {
            var segments = template.Split('/');
            var pattern = string.Join('/', segments.Select(s => s.StartsWith('{') ? "[^/]+" : Regex.Escape(s)));
            paths.Add((template, new Regex($"^{pattern}$", RegexOptions.CultureInvariant), segments.Count(s => !s.StartsWith('{')), item!.AsObject()));
        }
    }

    public JsonObject Root { get; }

    /// <summary>The document at a path under the repository, read once per test run.</summary>
    public static ContractDocument Load(string path) =>
        Loaded.GetOrAdd(Path.GetFullPath(path), full => new ContractDocument(JsonNode.Parse(File.ReadAllText(full))!.AsObject()));

    /// <summary>The path template a request path reaches, with its path item, or null when none does.</summary>
    public (string Template, JsonObject Item)? Find(string path) =>
        paths.Where(p => p.Pattern.IsMatch(path)).OrderByDescending(p => p.Literals).Select(p => ((string, JsonObject)?)(p.Template, p.Item))
            .FirstOrDefault();

    /// <summary>The object a reference names (<c>#/components/schemas/X</c>), or the node itself.</summary>
    public JsonObject Resolve(JsonNode node)
    {
        var current = node.AsObject();
        while (current["$ref"]?.GetValue<string>() is { } reference)
        {
            JsonNode target = Root;
            foreach (var part in reference.TrimStart('#', '/').Split('/'))
            {
                target = target[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                    ?? throw new InvalidOperationException($"The document has no {reference}.");
            }

            current = target.AsObject();
        }

        return current;
    }
}
