using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// The body of an endpoint whose handler reads it itself (<see cref="EndpointContract.ReadsBody{TModel}"/>):
/// the model's schema under the media type the handler reads, required.
/// </summary>
internal sealed class HandlerReadBodyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<HandlerReadBodyMetadata>().LastOrDefault() is not { } body)
        {
            return;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [body.MediaType] = new() { Schema = context.SchemaGenerator.GenerateSchema(body.Model, context.SchemaRepository) },
            },
        };
    }
}
