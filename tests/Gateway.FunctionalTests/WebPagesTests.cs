using System.Net;
using System.Net.Http.Headers;
using TestSupport;

namespace Gateway.FunctionalTests;

/// <summary>
/// The web pages the gateway serves from its static files folder (the build of web/): index.html at
/// each page's address, hashed files under /assets/, a same-origin content security policy; every
/// other address answers as before, and a gateway without the built pages still starts and answers
/// a problem at /, never a 5xx.
/// </summary>
public sealed class WebPagesTests : IAsyncLifetime
{
    private const string Index = "<!doctype html><html lang=\"zh-CN\"><head><title>天津</title><script type=\"module\" src=\"/assets/index-3f9a.js\"></script></head><body></body></html>";
    private static readonly string Script = "console.log(\"天津科技创新规划进展\");\n" + string.Concat(Enumerable.Repeat("export const figure = 7420;\n", 200));

    private readonly string root = Path.Combine(Path.GetTempPath(), "gateway-web", Guid.NewGuid().ToString("N"));
    private EchoBackend backend = null!;
    private ProxyingGatewayFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(root, "assets"));
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), Index);
        await File.WriteAllTextAsync(Path.Combine(root, "assets", "index-3f9a.js"), Script);
        await File.WriteAllTextAsync(Path.Combine(root, "assets", "index-77c1.css"), "main { display: block; }");
        await File.WriteAllTextAsync(Path.Combine(root, "secret.txt"), "outside the assets folder");
        backend = await EchoBackend.StartAsync();
        factory = new ProxyingGatewayFactory { Backend = backend, Settings = new() { ["Web:RootPath"] = root } };
        client = factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await backend.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/plans/TJ-STI-14FYP")]
    [InlineData("/plans/DL-STI-AP-2020-2022/")]
    [InlineData("/registers")]
    [InlineData("/rollup")]
    public async Task Each_page_address_answers_index_html_revalidated_on_every_visit_under_a_same_origin_policy(string path)
    {
        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        (await response.Content.ReadAsStringAsync()).Should().Be(Index);
        response.Headers.CacheControl!.NoCache.Should().BeTrue("a new build must be seen at once");
        var policy = response.Headers.GetValues("Content-Security-Policy").Should().ContainSingle().Subject;
        policy.Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("style-src 'self'")
            .And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'");
        policy.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval").And.NotContain("*");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
    }

    [Fact]
    public async Task A_page_answers_HEAD_with_its_headers_and_no_body()
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/plans/JH-STI-14FYP"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/assets/index-3f9a.js", "text/javascript; charset=utf-8")]
    [InlineData("/assets/index-77c1.css", "text/css; charset=utf-8")]
    public async Task A_built_file_is_served_with_its_type_and_cached_for_a_year_since_its_name_carries_its_hash(string path, string type)
    {
        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be(type);
        response.Headers.CacheControl!.Public.Should().BeTrue();
        response.Headers.CacheControl.MaxAge.Should().Be(TimeSpan.FromDays(365));
        response.Headers.CacheControl.Extensions.Should().Contain(e => e.Name == "immutable");
        (await response.Content.ReadAsStringAsync()).Should().Be(path.EndsWith(".js") ? Script : "main { display: block; }");
    }

    [Fact]
    public async Task The_script_is_compressed_for_a_browser_that_accepts_gzip()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/assets/index-3f9a.js");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().Equal("gzip");
        await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        (await new StreamReader(gzip).ReadToEndAsync()).Should().Be(Script);
    }

    [Theory]
    [InlineData("/assets/index-0000.js")]
    [InlineData("/assets/")]
    [InlineData("/assets/..%2Fsecret.txt")]
    [InlineData("/assets/%2E%2E/secret.txt")]
    [InlineData("/assets/..%2F..%2Fappsettings.json")]
    [InlineData("/secret.txt")]
    [InlineData("/index.html/x")]
    public async Task A_file_that_is_not_a_built_asset_is_a_404_problem_and_nothing_outside_the_assets_folder_is_served(string path)
    {
        var response = await client.GetAsync(path);

        await response.ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Theory]
    [InlineData("/plans")]
    [InlineData("/plans/TJ-STI-14FYP/indicators")]
    [InlineData("/registers/enterprises")]
    [InlineData("/about")]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v2/plans")]
    public async Task Only_the_page_addresses_fall_back_to_index_html_other_unknown_addresses_stay_a_404_problem(string path)
    {
        var response = await client.GetAsync(path);

        await response.ProblemAsync(HttpStatusCode.NotFound, "notFound");
        response.Headers.GetValues("Content-Security-Policy").Should().Equal("default-src 'none'; frame-ancestors 'none'");
    }

    [Fact]
    public async Task The_API_health_and_metrics_answer_as_before_beside_the_pages()
    {
        var plans = await client.GetAsync("/api/v1/plans?status=published");
        plans.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.Requests.Should().ContainSingle(r => r.Path == "/api/v1/plans", "the API is still proxied to the service");
        plans.Headers.GetValues("Content-Security-Policy").Should().Equal("default-src 'none'; frame-ancestors 'none'");

        var live = await client.GetAsync("/health/live");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
        live.Headers.GetValues("Content-Security-Policy").Should().Equal("default-src 'none'; frame-ancestors 'none'");

        // Metrics are for the inside network; a test server's caller has no address, so is refused as before.
        var metrics = await client.GetAsync("/metrics");
        metrics.Content.Headers.ContentType!.MediaType.Should().NotBe("text/html", "/metrics is not a page");
        metrics.Headers.GetValues("Content-Security-Policy").Should().Equal("default-src 'none'; frame-ancestors 'none'");
    }

    [Fact]
    public async Task Without_the_built_pages_the_gateway_starts_and_the_pages_are_a_404_problem_naming_the_build_never_a_5xx()
    {
        await using var unbuilt = new ProxyingGatewayFactory
        {
            Backend = backend, Settings = new() { ["Web:RootPath"] = Path.Combine(root, "not-built") },
        };
        var fresh = unbuilt.CreateClient();

        foreach (var path in new[] { "/", "/plans/TJ-STI-14FYP", "/registers", "/rollup" })
        {
            var problem = await (await fresh.GetAsync(path)).ProblemAsync(HttpStatusCode.NotFound, "webPagesNotBuilt");
            problem["detail"]!.GetValue<string>().Should().Contain("npm run build").And.Contain("web/");
        }

        await (await fresh.GetAsync("/assets/index-3f9a.js")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        (await fresh.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fresh.GetAsync("/api/v1/plans")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Pages_built_after_the_gateway_started_are_served_without_a_restart()
    {
        var later = Path.Combine(root, "built-later");
        await using var starting = new ProxyingGatewayFactory { Backend = backend, Settings = new() { ["Web:RootPath"] = later } };
        var fresh = starting.CreateClient();
        await (await fresh.GetAsync("/")).ProblemAsync(HttpStatusCode.NotFound, "webPagesNotBuilt");

        Directory.CreateDirectory(later);
        await File.WriteAllTextAsync(Path.Combine(later, "index.html"), Index);

        var response = await fresh.GetAsync("/");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be(Index);
    }
}
