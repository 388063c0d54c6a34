using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// The body of a PATCH is a JSON merge patch (RFC 7396) over the resource's update model, named on the
/// endpoint with <see cref="EndpointContract.AcceptsMergePatch{TModel}"/>: the schema
/// <c>{Model}MergePatch</c> has the model's members, none required, each nullable where <c>null</c>
/// clears it (where no validator requires the member). The handler reads the body as a JSON object, so
/// without this the document showed a map of JsonNode internals under application/json.
/// </summary>
internal sealed class MergePatchOperationFilter(ValidatorFacts validators) : IOperationFilter
{
    public const string MediaType = "application/merge-patch+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<MergePatchMetadata>().LastOrDefault() is not { } patch)
        {
            return;
        }

        var repository = context.SchemaRepository;
        var modelReference = (OpenApiSchemaReference)context.SchemaGenerator.GenerateSchema(patch.Model, repository);
        var id = modelReference.Reference.Id + "MergePatch";
        if (!repository.Schemas.ContainsKey(id))
        {
            repository.AddDefinition(id, PatchOf((OpenApiSchema)repository.Schemas[modelReference.Reference.Id!], patch.Model));
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A JSON merge patch (RFC 7396): members sent replace the current ones, `null` clears a member that may be empty, " +
                "members left out stay as they are. application/json is read the same way.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [MediaType] = new() { Schema = new OpenApiSchemaReference(id, context.Document) },
            },
        };
    }

    private OpenApiSchema PatchOf(OpenApiSchema model, Type modelType)
    {
        var facts = validators.For(modelType);
        var properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, property) in model.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property.CreateShallowCopy() is not OpenApiSchema member)
            {
                properties[name] = property;
                continue;
            }

            if (facts?.GetValueOrDefault(name) is { Required: true })
            {
                SchemaShapes.MakeNotNullable(member);
            }
            else
            {
                SchemaShapes.MakeNullable(member);
            }

            properties[name] = member;
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = (model.Description is null ? "" : model.Description + "\n\n") + "As a merge patch, every member is optional.",
            Properties = properties,
            AdditionalPropertiesAllowed = false,
        };
    }
}
