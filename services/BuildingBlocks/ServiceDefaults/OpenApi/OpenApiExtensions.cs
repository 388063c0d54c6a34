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
        services.AddSingleton<ValidatorFacts>();
        services.AddSingleton<FieldLimits>();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = service.Title,
                Version = "v1",
                Description = service.Description,
            });
            // The C# types say what is required and what may be null: non-nullable reference and value types are
            // required, T? is nullable; a reference to a schema is wrapped (allOf) so that it can be nullable too.
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.UseAllOfToExtendReferenceSchemas();
            // Query parameters bind case-insensitively; the document names them as the API does, in camelCase.
            options.DescribeAllParametersInCamelCase();
            options.SchemaFilter<ProblemDetailsSchemaFilter>();
            options.SchemaFilter<ModelRulesSchemaFilter>();
            // In this order: the representations and the body first, as the statuses depend on the body.
            options.OperationFilter<ResponseContentOperationFilter>();
            options.OperationFilter<MergePatchOperationFilter>();
            options.OperationFilter<HandlerReadBodyOperationFilter>();
            options.OperationFilter<ParametersOperationFilter>();
            options.OperationFilter<RequestExamplesOperationFilter>();
            options.OperationFilter<ProblemResponsesOperationFilter>();
            options.OperationFilter<SecurityOperationFilter>();
            options.DocumentFilter<ContractDocumentFilter>();
            options.AddSecurityDefinition(SecurityOperationFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "OAuth2 client credentials from the gateway's /connect/token (or the configured issuer).",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = SharedKernel.Access.Scopes.Descriptions.ToDictionary(),
                    },
                },
            });
            options.CustomSchemaIds(SchemaId);
            foreach (var xml in OwnDocumentationFiles(service.Assembly))
            {
                options.IncludeXmlComments(xml, includeControllerXmlComments: true);
            }
        });
        return services;
    }

    private const string SwaggerPath = "/swagger";

    /// <summary>
    /// Serves this process's document at /swagger/v1/swagger.json and a Swagger UI at /swagger that
    /// lists it and any further documents named under <c>OpenApi:Documents</c> (the gateway lists
    /// every service's there). With <c>OpenApi:ServersFromRequest</c> (the gateway) the document's
    /// server is the address the caller used.
    /// </summary>
    public static WebApplication MapServiceOpenApi(this WebApplication app, ServiceDescription service)
    {
        var others = app.Configuration.GetSection("OpenApi:Documents").Get<List<OpenApiDocumentLink>>() ?? [];
        var serversFromRequest = app.Configuration.GetValue<bool>("OpenApi:ServersFromRequest");
        // Only requests under /swagger reach the two middlewares: on every other request they matched the path
        // against their routes (regular expressions) and resolved the document provider, for nothing.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(SwaggerPath), swaggerPaths =>
        {
            swaggerPaths.UseSwagger(swagger =>
            {
                if (serversFromRequest)
                {
                    swagger.PreSerializeFilters.Add((document, request) => document.Servers =
                    [
                        new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}", Description = "This gateway." },
                    ]);
                }
            });
            swaggerPaths.UseSwaggerUI(ui =>
            {
                ui.DocumentTitle = service.Title;
                foreach (var document in others)
                {
                    ui.SwaggerEndpoint(document.Url, document.Name);
                }

                ui.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", service.Title);
            });
        });
        return app;
    }

    /// <summary>
    /// The XML documentation of the service and of the building blocks it is made of (the audit
    /// trail's filters are documented in Persistence, the event bus's in EventBus.Redis): every
    /// referenced assembly whose documentation file lies beside it, framework assemblies aside.
    /// </summary>
    private static IEnumerable<string> OwnDocumentationFiles(System.Reflection.Assembly service)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<System.Reflection.AssemblyName>([service.GetName()]);
        while (pending.TryPop(out var name))
        {
            if (name.Name is not { } simple || simple.StartsWith("System", StringComparison.Ordinal)
                || simple.StartsWith("Microsoft", StringComparison.Ordinal) || !seen.Add(simple))
            {
                continue;
            }

            var xml = Path.Combine(AppContext.BaseDirectory, simple + ".xml");
            if (!File.Exists(xml))
            {
                continue;
            }

            yield return xml;
            foreach (var reference in System.Reflection.Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Push(reference);
            }
        }
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
