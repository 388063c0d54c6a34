using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TestSupport.Contract;

namespace Plans.FunctionalTests;

/// <summary>
/// What every route of the service does at the HTTP level: HEAD wherever GET, only GET and HEAD on
/// health, problem documents for every error status whatever Accept says, compression of large
/// answers, and the request line and header limits.
/// </summary>
public class HttpSurfaceTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient admin = factory.CreateClient();

    [Fact]
    public async Task Every_get_endpoint_answers_head_with_the_get_status_and_headers_and_no_body()
    {
        var values = await RouteValuesAsync();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true)
            .Select(e => e.RoutePattern)
            .ToList();
        routes.Should().HaveCountGreaterThan(15);

        foreach (var pattern in routes)
        {
            var url = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => Uri.EscapeDataString(values[parameter.Name]),
                _ => throw new InvalidOperationException($"Unexpected part in {pattern.RawText}."),
            }))));

            var get = await admin.GetAsync(url);
            var head = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

            ((int)get.StatusCode).Should().BeLessThan(500, $"GET {url}");
            head.StatusCode.Should().Be(get.StatusCode, $"HEAD {url} answers as GET does");
            head.Content.Headers.ContentType?.MediaType.Should().Be(get.Content.Headers.ContentType?.MediaType, $"HEAD {url}");
            (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty($"HEAD {url} has no body");
            if (get.Headers.ETag is { } etag)
            {
                head.Headers.ETag.Should().Be(etag, $"HEAD {url}");
            }
        }
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("TRACE")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Health_endpoints_answer_only_get_and_head(string method)
    {
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

            await response.ProblemAsync(HttpStatusCode.MethodNotAllowed, "methodNotAllowed");
            response.Content.Headers.Allow.Should().BeEquivalentTo(["GET", "HEAD"]);
            (await admin.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, path))).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_problems_and_allow_lists_head_beside_get()
    {
        await (await admin.GetAsync("/no/such/route")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        var wrongMethod = await admin.DeleteAsync("/api/v1/regions");

        await wrongMethod.ProblemAsync(HttpStatusCode.MethodNotAllowed, "methodNotAllowed");
        wrongMethod.Content.Headers.Allow.Should().BeEquivalentTo(["GET", "HEAD"]);
    }

    public static TheoryData<string> AcceptsWithoutJson => ["text/csv", "text/html", "application/xml", "text/plain", "image/png", "*/*;q=0"];

    [Theory]
    [MemberData(nameof(AcceptsWithoutJson))]
    public async Task Errors_are_problem_json_whatever_accept_says(string accept)
    {
        async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, HttpContent? content = null)
        {
            var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.TryAddWithoutValidation("Accept", accept);
            return await client.SendAsync(request);
        }

        await (await Send(admin, HttpMethod.Get, "/api/v1/plans/NO-SUCH-PLAN")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await Send(admin, HttpMethod.Get, "/api/v1/plans?page=abc")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await Send(factory.ClientWith(null), HttpMethod.Post, "/api/v1/plans", JsonContent.Create(Api.Plan(Api.UniqueCode("A")))))
            .ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await Send(admin, HttpMethod.Delete, "/api/v1/regions")).ProblemAsync(HttpStatusCode.MethodNotAllowed, "methodNotAllowed");
        await (await Send(admin, HttpMethod.Get, "/no/such/route")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await Send(admin, HttpMethod.Post, "/api/v1/plans", new StringContent("{", null, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, br", "br")]
    public async Task A_large_json_answer_is_compressed_and_a_small_one_is_not(string acceptEncoding, string expected)
    {
        var large = await GetEncodedAsync("/api/v1/regions?pageSize=500", acceptEncoding);
        var small = await GetEncodedAsync("/api/v1/regions/120000", acceptEncoding);

        large.Content.Headers.ContentEncoding.Should().Equal(expected);
        var regions = JsonNode.Parse(await DecompressAsync(large, expected))!;
        regions["items"]!.AsArray().Count.Should().BeGreaterThan(16);
        small.Content.Headers.ContentEncoding.Should().BeEmpty("an answer under 1 KiB gains nothing from compression");
        small.Content.Headers.ContentLength.Should().BeGreaterThan(0);
        JsonNode.Parse(await small.Content.ReadAsStringAsync())!["code"]!.GetValue<string>().Should().Be("120000");
    }

    [Fact]
    public async Task A_request_line_over_8_kib_is_a_414_problem()
    {
        var tooLong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plans/" + new string('x', 10_000))
            .WithoutContractCheck("the request line is refused before any operation is reached");

        await (await admin.SendAsync(tooLong)).ProblemAsync(HttpStatusCode.RequestUriTooLong, "uriTooLong");
        var longerThanACode = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plans/" + new string('x', 7_000))
            .WithoutContractCheck("the code is longer than the document lets a client send, and the 404 quotes it");
        await (await admin.SendAsync(longerThanACode)).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task A_header_section_over_32_kib_or_100_fields_is_a_431_problem()
    {
        const string Refused = "the header section is refused before any operation is reached";
        var large = new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions").WithoutContractCheck(Refused);
        for (var i = 0; i < 10; i++)
        {
            large.Headers.TryAddWithoutValidation($"X-Filler-{i}", new string('f', 4000));
        }

        var many = new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions").WithoutContractCheck(Refused);
        for (var i = 0; i < 120; i++)
        {
            many.Headers.TryAddWithoutValidation($"X-Field-{i}", "v");
        }

        await (await admin.SendAsync(large)).ProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "headersTooLarge");
        await (await admin.SendAsync(many)).ProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "headersTooLarge");
    }

    [Fact]
    public async Task A_content_length_over_the_limit_is_a_413_before_the_body_is_read()
    {
        var code = Api.UniqueCode("CL");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(Api.Plan(code)), null, "application/json"),
        };
        request.Content.Headers.ContentLength = 999_999_999_999;

        await (await admin.SendAsync(request)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payloadTooLarge");
        (await admin.GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> GetEncodedAsync(string url, string acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await admin.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return response;
    }

    private static async Task<string> DecompressAsync(HttpResponseMessage response, string encoding)
    {
        await using var compressed = await response.Content.ReadAsStreamAsync();
        await using Stream plain = encoding == "br"
            ? new BrotliStream(compressed, CompressionMode.Decompress)
            : new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(plain);
        return await reader.ReadToEndAsync();
    }

    /// <summary>A value for every route parameter of the service, naming resources that exist where one can.</summary>
    private async Task<Dictionary<string, string>> RouteValuesAsync()
    {
        var plan = await admin.CreatePlanAsync();
        await (await admin.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync($"/api/v1/plans/{plan}/tasks", new { code = "一.1", title = "任务", leadUnits = new[] { "区科技局" } })).JsonAsync(HttpStatusCode.Created);
        var observation = await (await admin.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/observations", new { year = 2021, value = 8000 }))
            .JsonAsync(HttpStatusCode.Created);
        return new Dictionary<string, string>
        {
            ["code"] = plan,
            ["indicatorCode"] = "I1",
            ["taskCode"] = "一.1",
            ["id"] = observation["id"]!.ToJsonString().Trim('"'),
            ["regionCode"] = "120118",
            ["register"] = "enterprises",
            ["unit"] = "区科技局",
            ["year"] = "2021",
            ["metric"] = "enterprises.qualified.HighTech",
        };
    }
}
