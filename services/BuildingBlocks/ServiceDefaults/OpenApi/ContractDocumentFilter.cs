using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// Finishes the document: the server clients call (the gateway: every path is documented as it is
/// reached through it; the gateway rewrites this to its own address when it publishes the document),
/// the shared response headers, and only the schemas something refers to, in name order, so that the
/// same code always yields the same document.
/// </summary>
internal sealed partial class ContractDocumentFilter(IConfiguration configuration) : IDocumentFilter
{
    public const string DefaultServer = "http://localhost:8080";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers =
        [
            new OpenApiServer
            {
                Url = configuration["OpenApi:ServerUrl"] ?? DefaultServer,
                Description = "The gateway (local: as deploy/run.sh starts it; a deployment publishes its own address at /openapi/{service}.json).",
            },
        ];
        document.Components ??= new OpenApiComponents();
        document.Components.Headers = ContractHeaders.Definitions.ToDictionary(h => h.Key, h => (IOpenApiHeader)h.Value);
        RemoveUnreferencedSchemas(document);
        document.Components.Schemas = document.Components.Schemas?
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ToDictionary(s => s.Key, s => s.Value);
    }

    /// <summary>
    /// Schemas generated on the way and then replaced (the JSON object a PATCH handler reads, the update
    /// model a merge patch is derived from) are dropped: only schemas reachable from the paths stay.
    /// </summary>
    private static void RemoveUnreferencedSchemas(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { Count: > 0 } schemas)
        {
            return;
        }

        document.Components.Schemas = new Dictionary<string, IOpenApiSchema>();
        var pending = new Queue<string>(References(writer => document.SerializeAsV3(writer)));
        document.Components.Schemas = schemas;
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var id))
        {
            if (reachable.Add(id) && schemas.TryGetValue(id, out var schema))
            {
                foreach (var next in References(schema.SerializeAsV3))
                {
                    pending.Enqueue(next);
                }
            }
        }

        foreach (var id in schemas.Keys.Where(id => !reachable.Contains(id)).ToList())
        {
            schemas.Remove(id);
        }
    }

    private static IEnumerable<string> References(Action<IOpenApiWriter> serialize)
    {
        using var text = new StringWriter();
        serialize(new OpenApiJsonWriter(text));
        return SchemaReference().Matches(text.ToString()).Select(m => m.Groups[1].Value);
    }

    [GeneratedRegex("\"#/components/schemas/([^\"]+)\"")]
    private static partial Regex SchemaReference();
}
