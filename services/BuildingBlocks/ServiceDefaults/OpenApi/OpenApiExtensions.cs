using Microsoft.AspNetCore.Builder;
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
            options.CustomSchemaIds(type => type.FullName!.Split('.').Last().Replace("+", "", StringComparison.Ordinal)
                .Replace("`1", "", StringComparison.Ordinal) + string.Concat(type.GenericTypeArguments.Select(t => t.Name)));
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

    public static WebApplication MapServiceOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "v1"));
        return app;
    }
}
