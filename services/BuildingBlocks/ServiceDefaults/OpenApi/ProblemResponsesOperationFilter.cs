using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// Documents the problem details every operation can answer with, from what the operation
/// takes: a body (400, 413, 415, 422), path parameters (404), If-Match on PATCH (412, 428).
/// Responses an endpoint declares itself are left as declared.
/// </summary>
internal sealed class ProblemResponsesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.HttpMethod ?? "GET";
        var hasBody = context.ApiDescription.ParameterDescriptions.Any(p => p.Source.Id == "Body");
        var hasPath = context.ApiDescription.ParameterDescriptions.Any(p => p.Source.Id == "Path");
        var statuses = new List<(int Status, string Description)> { (400, "The request could not be read (malformed JSON, wrong type, bad query parameter).") };
        if (hasBody)
        {
            statuses.Add((413, "The body is larger than the configured limit."));
            statuses.Add((415, "The body is not application/json."));
            statuses.Add((422, "The request was read but breaks a rule; see errors per field."));
        }

        if (hasPath)
        {
            statuses.Add((404, "A resource named in the path does not exist."));
        }

        if (method == "PATCH")
        {
            statuses.Add((412, "If-Match does not match the current ETag."));
            statuses.Add((428, "If-Match is missing."));
        }

        var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, description) in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key))
            {
                continue;
            }

            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = schema },
                },
            };
        }
    }
}
