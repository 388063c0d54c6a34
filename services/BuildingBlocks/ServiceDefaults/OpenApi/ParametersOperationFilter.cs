using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ServiceDefaults.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// The parameters' and text bodies' limits, and the If-Match header. A query value is at most
/// <see cref="RequestLimitsOptions.MaxQueryValueLength"/> characters (longer is a 400 whatever the
/// parameter); a path value as long as a column of that name holds, or the request line allows.
/// If-Match is documented where the endpoint checks it (<see cref="EndpointContract.AcceptsIfMatch{TBuilder}"/>).
/// </summary>
internal sealed class ParametersOperationFilter(IOptions<RequestLimitsOptions> options, FieldLimits limits) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Schema is OpenApiSchema schema && SchemaShapes.Is(schema, JsonSchemaType.String) && schema.Enum is not { Count: > 0 })
            {
                var bound = parameter.In == ParameterLocation.Query
                    ? options.Value.MaxQueryValueLength
                    : limits.MaxLength(parameter.Name!) ?? options.Value.MaxRequestLineBytes;
                schema.MaxLength = Math.Min(schema.MaxLength ?? int.MaxValue, SchemaShapes.FormatLength(schema.Format) ?? bound);
            }
        }

        // A text body (CSV) is bounded only by the request's body limit: an import's own when it streams the file.
        var maxBodyBytes = options.Value.MaxBodyBytesOf(new EndpointMetadataCollection(context.ApiDescription.ActionDescriptor.EndpointMetadata));
        foreach (var text in operation.RequestBody?.Content?.Values.Select(c => c.Schema).OfType<OpenApiSchema>() ?? [])
        {
            if (SchemaShapes.Is(text, JsonSchemaType.String))
            {
                text.MaxLength ??= (int)Math.Min(int.MaxValue, maxBodyBytes);
            }
        }

        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IfMatchMetadata>().LastOrDefault() is { } ifMatch)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = ifMatch.Required,
                Description = ifMatch.Required
                    ? "The ETag of your last read of the resource, e.g. \"3\" (or * for any version)."
                    : "When sent: the ETag of your last read, e.g. \"3\"; the change is refused (412) if the resource has changed since.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = options.Value.MaxHeaderBytes },
            });
        }
    }
}
