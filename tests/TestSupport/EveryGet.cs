using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace TestSupport;

/// <summary>Every GET route a service maps, for the checks that must hold on all of them (HEAD answers as GET does).</summary>
public static class EveryGet
{
    /// <summary>The URL of each GET route of the service, its route parameters filled in by <paramref name="valueOf"/> (given the parameter's name).</summary>
    public static List<string> Urls(IServiceProvider services, Func<string, string> valueOf) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true)
            .Select(e => Url(e.RoutePattern, valueOf))
            .ToList();

    /// <summary>Asserts that GET is not a 5xx and that HEAD answers with the same status and no body.</summary>
    public static async Task HeadAnswersAsGetAsync(this HttpClient client, string url)
    {
        var get = await client.GetAsync(url);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        ((int)get.StatusCode).Should().BeLessThan((int)HttpStatusCode.InternalServerError, $"GET {url}");
        head.StatusCode.Should().Be(get.StatusCode, $"HEAD {url}");
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty($"HEAD {url}");
    }

    /// <summary>The path a route pattern names; a group's root route (<c>/api/v1/talents/</c>) without its trailing slash, as the document names it.</summary>
    private static string Url(RoutePattern pattern, Func<string, string> valueOf) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(valueOf(parameter.Name)),
            _ => throw new InvalidOperationException($"{pattern.RawText} has a part the test cannot fill"),
        }))));
}
