using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace Gateway.Web;

/// <summary>
/// The progress pages (web/, built into the gateway's static files folder): index.html at each page's
/// address, the hashed files under /assets/. Everything else keeps its route: /api/v1/... to the
/// services, /openapi/..., /swagger, /health, /metrics, and an unknown address is still a 404 problem.
/// </summary>
internal static class WebPages
{
    /// <summary>The pages' addresses; the page itself is drawn in the browser from the address.</summary>
    private static readonly string[] PageRoutes = ["/", "/plans/{code}", "/registers", "/rollup"];

    public static IServiceCollection AddWebPages(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration["Web:RootPath"];
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "wwwroot")
            : Path.GetFullPath(configured, environment.ContentRootPath);
        services.AddSingleton(new WebRoot(root));
        // The pages' text files are compressed like the API's JSON; they carry no secret.
        services.Configure<ResponseCompressionOptions>(options =>
            options.MimeTypes = [.. options.MimeTypes, "text/html", "text/css", "text/javascript"]);
        return services;
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        foreach (var route in PageRoutes)
        {
            app.MapGet(route, (WebRoot root, HttpResponse response) => root.Page(response)).ExcludeFromDescription();
        }

        app.MapGet("/assets/{*path}", (string? path, WebRoot root, HttpResponse response) => root.Asset(path ?? "", response))
            .ExcludeFromDescription();
        return app;
    }
}

/// <summary>The folder of the built pages; it may be missing (web/ not built), or appear later.</summary>
internal sealed class WebRoot(string path)
{
    /// <summary>Scripts, styles, data and images from this origin only; nothing inline, no frames.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private PhysicalFileProvider? files;

    /// <summary>index.html, revalidated on every visit so that a new build is seen at once.</summary>
    public PhysicalFileHttpResult Page(HttpResponse response)
    {
        var index = Files()?.GetFileInfo("index.html");
        if (index is not { Exists: true, PhysicalPath: not null })
        {
            throw new WebPagesNotBuiltException(path);
        }

        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return TypedResults.PhysicalFile(index.PhysicalPath, "text/html; charset=utf-8", lastModified: index.LastModified);
    }

    /// <summary>A built file: its name carries its content's hash, so it is cached for a year.</summary>
    public PhysicalFileHttpResult Asset(string relative, HttpResponse response)
    {
        // The provider refuses what would leave its folder ("..", absolute paths) and hidden files.
        var file = Files()?.GetFileInfo("assets/" + relative);
        if (file is not { Exists: true, IsDirectory: false, PhysicalPath: not null })
        {
            throw new NotFoundException("File", "/assets/" + relative);
        }

        if (!ContentTypes.TryGetContentType(file.Name, out var contentType))
        {
            contentType = "application/octet-stream";
        }
        else if (contentType.StartsWith("text/", StringComparison.Ordinal))
        {
            // Vite writes UTF-8; the page's Chinese strings live in the scripts.
            contentType += "; charset=utf-8";
        }

        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return TypedResults.PhysicalFile(file.PhysicalPath, contentType, lastModified: file.LastModified);
    }

    private PhysicalFileProvider? Files()
    {
        if (files is null && Directory.Exists(path))
        {
            files = new PhysicalFileProvider(path);
        }

        return files;
    }
}

/// <summary>The pages are asked for but web/ was not built into the static files folder.</summary>
internal sealed class WebPagesNotBuiltException(string path) : ApiException(404, "webPagesNotBuilt", "The web pages are not built",
    $"No index.html in {path}. Build them with `npm ci && npm run build` in web/ (deploy/run.sh does), or set Web__RootPath.");
