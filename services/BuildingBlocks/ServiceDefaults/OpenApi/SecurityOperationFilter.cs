using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// Says which token each operation needs: the OAuth2 requirement with its scopes where the endpoint
/// requires one, and an explicit <c>security: []</c> on public operations (政务公开), so that a reader
/// (and the Swagger UI's Authorize button) never has to guess.
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
        operation.Security = [];
        if (scopes.Count == 0)
        {
            operation.Description = "Public: no token needed." + (operation.Description is null ? "" : "\n\n" + operation.Description);
            return;
        }

        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = scopes,
        });
        operation.Description = $"Requires a bearer token with scope: {string.Join(", ", scopes)}."
            + (operation.Description is null ? "" : "\n\n" + operation.Description);
    }
}
