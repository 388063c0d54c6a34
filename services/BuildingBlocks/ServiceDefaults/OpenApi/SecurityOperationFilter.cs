using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// Marks every operation that requires a scope with the OAuth2 requirement and its 401/403 answers,
/// so the document (and the Swagger UI's Authorize button) says which token each call needs.
/// </summary>
internal sealed class SecurityOperationFilter : IOperationFilter
{
    public const string SchemeName = "oauth2";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var scopes = context.ApiDescription.ActionDescriptor.EndpointMetadata
            .OfType<IAuthorizeData>()
            .Select(a => a.Policy)
            .OfType<string>()
            .Distinct()
            .ToList();
        if (scopes.Count == 0)
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = scopes,
        });
        operation.Description = $"Requires a bearer token with scope: {string.Join(", ", scopes)}."
            + (operation.Description is null ? "" : "\n\n" + operation.Description);
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No token, or an expired or invalid one." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token lacks the scope, or the record is outside its region." });
    }
}
