using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ServiceDefaults.OpenApi;

internal static class OpenApiExtensions
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddServiceOpenApi(this IServiceCollection services, ServiceDescription service)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = service.Title,
                Version = "v1",
                Description = service.Description,
            });
            options.SupportNonNullableReferenceTypes();
            options.OperationFilter<ProblemResponsesOperationFilter>();
            options.OperationFilter<SecurityOperationFilter>();
            options.AddSecurityDefinition(SecurityOperationFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "OAuth2 client credentials from the gateway's /connect/token (or the configured issuer).",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = Auth.AuthExtensions.Scopes.ToDictionary(s => s, s => s),
                    },
                },
            });
            options.CustomSchemaIds(SchemaId);
            foreach (var assembly in new[] { service.Assembly, typeof(OpenApiExtensions).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
                if (File.Exists(xml))
                {
                    options.IncludeXmlComments(xml, includeControllerXmlComments: true);
                }
            }
        });
        return services;
    }

    /// <summary>
    /// Serves this process's document at /swagger/v1/swagger.json and a Swagger UI at /swagger that
    /// lists it and any further documents named under <c>OpenApi:Documents</c> (the gateway lists
    /// every service's there).
    /// </summary>
    public static WebApplication MapServiceOpenApi(this WebApplication app, ServiceDescription service)
    {
        var others = app.Configuration.GetSection("OpenApi:Documents").Get<List<OpenApiDocumentLink>>() ?? [];
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.DocumentTitle = service.Title;
            foreach (var document in others)
            {
                ui.SwaggerEndpoint(document.Url, document.Name);
            }

            ui.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", service.Title);
        });
        return app;
    }

    /// <summary>A type's schema name: nested types prefixed by their outer type, generic ones followed by their arguments (PagedListPlanResponse).</summary>
    private static string SchemaId(Type type)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
        var outer = type.DeclaringType is { } declaring ? SchemaId(declaring) : "";
        return outer + name + string.Concat(type.GenericTypeArguments.Select(SchemaId));
    }
}

/// <summary>An OpenAPI document the Swagger UI lists besides the process's own.</summary>
public sealed class OpenApiDocumentLink
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
}
