using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TestSupport;

/// <summary>Small helpers for talking JSON to a service and reading its answers.</summary>
public static class HttpApi
{
    public static string UniqueCode(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body,
        string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body,
        string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/merge-patch+json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "the body was {0}", text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 9457 problem with the status and code given, and returns it.</summary>
    public static async Task<JsonNode> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "the body was {0}", text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(text)!;
        problem["status"]!.GetValue<int>().Should().Be((int)status);
        problem["code"]!.GetValue<string>().Should().Be(code);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        problem["type"]!.GetValue<string>().Should().StartWith("https://");
        text.Should().NotContain("   at ", "a problem never carries a stack trace");
        return problem;
    }

    public static string[] ErrorsFor(this JsonNode problem, string field) =>
        problem["errors"]?[field]?.AsArray().Select(m => m!.GetValue<string>()).ToArray() ?? [];

    public static string ETag(this HttpResponseMessage response) => response.Headers.ETag!.ToString();
}
