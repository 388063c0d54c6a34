using Microsoft.OpenApi;
using Persistence.Idempotency;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Persistence.OpenApi;

/// <summary>Documents the Idempotency-Key header on the POSTs that honour it (<see cref="IdempotentAttribute"/>).</summary>
internal sealed class IdempotencyKeyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotentAttribute>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyMiddleware.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "A key of your choosing for this change (e.g. a UUID): a retry with the same key and body answers " +
                "as the first request did (Idempotent-Replayed: true) and creates nothing; the same key with another body is a 422. " +
                "Kept 24 hours, per client.",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MinLength = 1,
                MaxLength = IdempotencyMiddleware.MaxKeyLength,
                Pattern = "^[\\x20-\\x7E]+$",
            },
        });
    }
}
