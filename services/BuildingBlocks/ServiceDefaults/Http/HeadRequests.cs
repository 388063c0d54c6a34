using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ServiceDefaults.Http;

/// <summary>
/// HEAD on every GET endpoint (RFC 9110 §9.3.2): minimal APIs' MapGet does not match HEAD, so a
/// HEAD is routed as a GET and answered with the GET's status and headers. After routing the request
/// is HEAD again, so the gateway forwards a HEAD, not a GET. A 405's Allow lists HEAD wherever it
/// lists GET.
/// </summary>
internal static class HeadRequests
{
    private static readonly object Marker = new();

    /// <summary>
    /// Discards the body of every answer to HEAD, whatever the server does with it: first in the
    /// pipeline, so that no later middleware restoring the body it found (compression, the problem
    /// written for an exception) brings the body back.
    /// </summary>
    public static WebApplication UseHeadWithoutBody(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
                context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
            }

            return next(context);
        });
        return app;
    }

    /// <summary>Adds routing to the pipeline, with HEAD matched as GET.</summary>
    public static WebApplication UseRoutingWithHead(this WebApplication app)
    {
        app.Use(RouteAsGet);
        app.UseRouting();
        app.Use(RestoreHead);
        return app;
    }

    private static Task RouteAsGet(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Request.Method = HttpMethods.Get;
            context.Items[Marker] = true;
        }

        return next(context);
    }

    private static Task RestoreHead(HttpContext context, RequestDelegate next)
    {
        if (context.Items.ContainsKey(Marker))
        {
            context.Request.Method = HttpMethods.Head;
        }

        context.Response.OnStarting(AddHeadToAllow, context.Response);
        return next(context);
    }

    private static Task AddHeadToAllow(object state)
    {
        var response = (HttpResponse)state;
        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            var allowed = response.Headers[HeaderNames.Allow].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (allowed.Contains(HttpMethods.Get) && !allowed.Contains(HttpMethods.Head))
            {
                response.Headers[HeaderNames.Allow] = string.Join(", ", [.. allowed, HttpMethods.Head]);
            }
        }

        return Task.CompletedTask;
    }
}
