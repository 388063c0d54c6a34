using Microsoft.AspNetCore.Http;

namespace ServiceDefaults.Http;

/// <summary>
/// Headers that keep API answers from being sniffed, framed or leaking the referring page. The
/// Swagger UI, an HTML page with scripts, gets all but the content security policy that forbids them;
/// an endpoint that set a policy of its own (the gateway's web pages: scripts from this origin) keeps it.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(AddHeaders, context);
        return next(context);
    }

    private static Task AddHeaders(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/swagger") && string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }

        return Task.CompletedTask;
    }
}
