using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>Small helpers for talking JSON to the API and reading its answers.</summary>
public static class Api
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

    public static object Plan(string code, string regionCode = "120000", string level = "municipal") => new
    {
        code,
        title = "天津市科技创新\"十四五\"规划",
        titleEn = "Tianjin S&T Innovation 14th Five-Year Plan",
        kind = "fiveYearPlan",
        level,
        regionCode,
        periodStart = 2021,
        periodEnd = 2025,
        baselineYear = 2020,
        issuer = "天津市人民政府办公厅",
        issuedOn = "2021-08-08",
    };

    public static object Indicator(string code, string metric = "enterprises.qualified.HighTech") => new
    {
        code,
        name = "国家高新技术企业总量",
        nameEn = "National high-tech enterprises",
        unit = "家",
        measure = "stock",
        direction = "increase",
        baseline = new { year = 2020, value = 7420 },
        targets = new[] { new { year = 2025, value = 11600, qualifier = (string?)null } },
        metric,
        source = "表1 第5行",
    };

    public static async Task<string> CreatePlanAsync(this HttpClient client, string? code = null, string regionCode = "120000",
        string level = "municipal")
    {
        code ??= UniqueCode("P");
        var response = await client.PostJsonAsync("/api/v1/plans", Plan(code, regionCode, level));
        await response.JsonAsync(HttpStatusCode.Created);
        return code;
    }

    public static async Task PublishAsync(this HttpClient client, string planCode) =>
        await (await client.PostAsync($"/api/v1/plans/{planCode}/publish", null)).JsonAsync(HttpStatusCode.OK);
}
