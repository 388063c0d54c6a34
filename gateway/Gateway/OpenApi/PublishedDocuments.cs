using System.Text.Json;
using System.Text.Json.Nodes;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.OpenApi;

/// <summary>
/// Publishes each service's OpenAPI document at <c>/openapi/{service}.json</c> (routes whose metadata
/// names <c>OpenApiDocument</c>) with <c>servers</c> naming this gateway as the caller reached it. The
/// services document their paths as the gateway routes them, so nothing else in a document changes.
/// </summary>
internal static class PublishedDocuments
{
    public const string RouteMetadata = "OpenApiDocument";

    public static void Apply(TransformBuilderContext context)
    {
        if (context.Route.Metadata?.ContainsKey(RouteMetadata) != true)
        {
            return;
        }

        // The document is read here, so the service must send it uncompressed.
        context.AddRequestHeaderRemove("Accept-Encoding");
        context.AddResponseTransform(async transform =>
        {
            if (transform.ProxyResponse is not { IsSuccessStatusCode: true } upstream)
            {
                return;
            }

            var document = await JsonNode.ParseAsync(await upstream.Content.ReadAsStreamAsync(transform.HttpContext.RequestAborted),
                cancellationToken: transform.HttpContext.RequestAborted);
            if (document is not JsonObject root)
            {
                return;
            }

            root["servers"] = new JsonArray(new JsonObject
            {
                ["url"] = BaseUrl(transform.HttpContext.Request),
                ["description"] = "This gateway.",
            });
            transform.SuppressResponseBody = true;
            var response = transform.HttpContext.Response;
            response.ContentLength = null;
            response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(response.Body, root, cancellationToken: transform.HttpContext.RequestAborted);
        });
    }

    /// <summary>The gateway's address as the caller used it (behind a trusted proxy, as that proxy says).</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
