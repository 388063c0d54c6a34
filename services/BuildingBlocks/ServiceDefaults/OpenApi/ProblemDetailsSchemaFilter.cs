using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// The problem details every error carries (RFC 9457, written by <c>ProblemJsonWriter</c> after
/// <c>ProblemDetailsDefaults</c>): the framework's type says nothing of the members this API adds, so
/// clients could not read a problem's <c>code</c> without a cast.
/// </summary>
internal sealed class ProblemDetailsSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(ProblemDetails) || schema is not OpenApiSchema problem)
        {
            return;
        }

        problem.Description = "An error, as RFC 9457 problem details. Branch on `code`, never on `title` or `detail`.";
        problem.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem (the RFC section of its status).", 200),
            ["title"] = Text("A short summary of the kind of problem.", 200),
            ["status"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "The HTTP status.",
            },
            ["detail"] = Text("What went wrong with this request, for a person to read.", 4000, nullable: true),
            ["instance"] = Text("The path of the request.", 8192),
            ["code"] = Text("A stable machine code (validationFailed, alreadyExists, planPublished, preconditionFailed, rateLimited …): never renamed.", 100),
            ["requestId"] = Text("The request's X-Request-Id, to quote when reporting the problem.", 128),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "For a request that breaks rules or could not be read: each field (as the JSON names it, e.g. baseline.year or targets[0].value) with its messages.",
                MaxProperties = 1000,
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    MaxItems = 100,
                    Items = Text(null, 4000),
                },
            },
        };
        problem.Required = new SortedSet<string>(["code", "instance", "requestId", "status", "title", "type"], StringComparer.Ordinal);
        problem.AdditionalPropertiesAllowed = false;
        problem.AdditionalProperties = null;
    }

    private static OpenApiSchema Text(string? description, int maxLength, bool nullable = false) => new()
    {
        Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String,
        Description = description,
        MaxLength = maxLength,
    };
}
