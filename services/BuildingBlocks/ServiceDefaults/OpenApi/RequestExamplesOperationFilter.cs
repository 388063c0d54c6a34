using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>An example request body given on the endpoint, for bodies that are not a model (CSV text).</summary>
public sealed record RequestExampleMetadata(object Example);

/// <summary>
/// An example for each request body: a model's own <c>static Example</c> (for a merge patch, the update
/// model's <c>static PatchExample</c>), or one given on the endpoint. Examples are C# values serialized
/// with the API's own JSON options, so they are bodies the API takes, and Spectral checks them against
/// their schemas.
/// </summary>
internal sealed class RequestExamplesOperationFilter(IOptions<JsonOptions> json) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody?.Content is not { Count: > 0 } content)
        {
            return;
        }

        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var body = metadata.OfType<HandlerReadBodyMetadata>().LastOrDefault()?.Model
            ?? context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Body")?.Type;
        var example = metadata.OfType<RequestExampleMetadata>().LastOrDefault()?.Example
            ?? (metadata.OfType<MergePatchMetadata>().LastOrDefault() is { } patch
                ? StaticValue(patch.Model, "PatchExample")
                : body is null ? null : StaticValue(body, "Example"));
        if (example is null)
        {
            return;
        }

        var node = example is string text ? (System.Text.Json.Nodes.JsonNode)text : JsonSerializer.SerializeToNode(example, example.GetType(), json.Value.SerializerOptions);
        foreach (var mediaType in content.Values.OfType<OpenApiMediaType>())
        {
            mediaType.Example = node?.DeepClone();
        }
    }

    private static object? StaticValue(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)?.GetValue(null);
}
