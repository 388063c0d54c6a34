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
        RequireEveryMemberOfAnswers(document);
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

        // The paths' references only: the document is written without its schemas, which refer to each other.
        document.Components.Schemas = new Dictionary<string, IOpenApiSchema>();
        var roots = References(writer => document.SerializeAsV3(writer)).ToList();
        document.Components.Schemas = schemas;
        var reachable = Closure(schemas, roots);
        foreach (var id in schemas.Keys.Where(id => !reachable.Contains(id)).ToList())
        {
            schemas.Remove(id);
        }
    }

    /// <summary>
    /// The API writes every member of what it answers, null included (JSON option
    /// <c>DefaultIgnoreCondition = Never</c>), so in a schema only answers use every member is required;
    /// a nullable one stays nullable. Schemas a request body uses too keep what their C# types and
    /// validators say, and problem details (which leave out what they lack) keep their own.
    /// </summary>
    private static void RequireEveryMemberOfAnswers(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { Count: > 0 } schemas)
        {
            return;
        }

        var operations = document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []).ToList();
        var answered = Closure(schemas, operations.SelectMany(o => o.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => References(r.SerializeAsV3)));
        var sent = Closure(schemas, operations.Where(o => o.RequestBody is not null).SelectMany(o => References(o.RequestBody!.SerializeAsV3)));
        foreach (var id in answered.Except(sent).Except(["ProblemDetails"]))
        {
            if (schemas[id] is OpenApiSchema { Properties.Count: > 0 } schema)
            {
                schema.Required = new SortedSet<string>(schema.Properties.Keys, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The schemas the roots name, and every schema those refer to in turn.</summary>
    private static HashSet<string> Closure(IDictionary<string, IOpenApiSchema> schemas, IEnumerable<string> roots)
    {
        var pending = new Queue<string>(roots);
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

        return reachable;
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
