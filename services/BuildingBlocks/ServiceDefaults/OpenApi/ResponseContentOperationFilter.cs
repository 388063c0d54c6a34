using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// One status may come in several representations: <c>GET /api/v1/enterprises</c> answers 200 with a
/// JSON page, or with CSV for <c>?format=csv</c>. The API explorer keeps one declaration per status
/// (the last), so the representations are rebuilt here from every declaration on the endpoint, each
/// content type with the schema of its own type.
/// </summary>
internal sealed class ResponseContentOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var declared = context.ApiDescription.ActionDescriptor.EndpointMetadata
            .OfType<IProducesResponseTypeMetadata>()
            .Where(p => p.StatusCode is >= 200 and < 300 && p.Type is not null && p.Type != typeof(void))
            .GroupBy(p => p.StatusCode);
        foreach (var status in declared)
        {
            var content = new SortedDictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            foreach (var representation in status)
            {
                foreach (var mediaType in representation.ContentTypes.DefaultIfEmpty("application/json"))
                {
                    content[mediaType] = new OpenApiMediaType
                    {
                        Schema = context.SchemaGenerator.GenerateSchema(representation.Type!, context.SchemaRepository),
                    };
                }
            }

            if (content.Count > 1 && operation.Responses?.GetValueOrDefault(status.Key.ToString(CultureInfo.InvariantCulture))
                    is OpenApiResponse response)
            {
                response.Content = new Dictionary<string, OpenApiMediaType>(content);
            }
        }
    }
}
