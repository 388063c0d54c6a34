using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using TestSupport;

namespace Gateway.FunctionalTests;

/// <summary>
/// Hostile requests at the gateway, in front of a real HTTP backend: each is a 4xx problem from the
/// gateway or passes through untouched to the service that judges it, never a 5xx.
/// </summary>
public class HostileInputTests : IAsyncLifetime
{
    private EchoBackend backend = null!;
    private ProxyingGatewayFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        backend = await EchoBackend.StartAsync();
        factory = new ProxyingGatewayFactory { Backend = backend, PerAnonymousAddress = 3, Window = "00:01:00" };
        client = factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await backend.DisposeAsync();
    }

    [Theory]
    [InlineData("Idempotency-Key", "ключ")]
    [InlineData("Idempotency-Key", "clé-1")]
    [InlineData("X-Client", "天津")]
    [InlineData("Accept-Language", "zh\u0001")]
    public async Task A_header_value_no_hop_can_carry_is_a_400_at_the_gateway_not_a_502(string header, string value)
    {
        var request = From("203.0.113.9", HttpMethod.Post, "/api/v1/plans");
        request.Content = new StringContent("{}", null, "application/json");
        request.Headers.TryAddWithoutValidation(header, value);

        var problem = await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest, "invalidHeader");

        problem.ErrorsFor(header.ToLowerInvariant()).Should().ContainSingle();
        backend.Requests.Should().BeEmpty("the request went no further than the gateway");
    }

    [Fact]
    public async Task An_ascii_idempotency_key_is_forwarded_as_sent()
    {
        var request = From("203.0.113.9", HttpMethod.Post, "/api/v1/plans");
        request.Content = new StringContent("{}", null, "application/json");
        request.Headers.Add("Idempotency-Key", "retry-7f3a");

        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        backend.Requests.Should().ContainSingle().Which.IdempotencyKey.Should().Be("retry-7f3a");
    }

    public static TheoryData<string> UnreadableTokens => [.. HostileInputs.UnreadableTokenKinds];

    [Theory]
    [MemberData(nameof(UnreadableTokens))]
    public async Task An_unreadable_token_passes_the_rate_limiter_as_anonymous_and_is_left_to_the_service(string kind)
    {
        var token = HostileInputs.UnreadableToken(kind, "http://gateway.test");

        var own = await client.SendAsync(From("203.0.113.10", HttpMethod.Get, "/.well-known/openid-configuration").WithBearer(token));
        var proxied = await client.SendAsync(From("203.0.113.10", HttpMethod.Get, "/api/v1/regions").WithBearer(token));

        own.StatusCode.Should().Be(HttpStatusCode.OK, $"a {kind} token on the gateway's own public endpoint");
        proxied.StatusCode.Should().Be(HttpStatusCode.OK, $"a {kind} token is the service's to judge");
        backend.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer " + token);
        (await client.SendAsync(From("203.0.113.10", HttpMethod.Get, "/.well-known/openid-configuration").WithBearer(token)))
            .StatusCode.Should().Be(HttpStatusCode.OK, "three requests of one anonymous address are within its allowance");
        (await client.SendAsync(From("203.0.113.10", HttpMethod.Get, "/.well-known/openid-configuration").WithBearer(token)))
            .StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "an unreadable token buys no allowance of its own");
    }

    [Fact]
    public async Task Behind_the_trusted_ingress_each_client_address_has_its_own_allowance()
    {
        async Task<HttpStatusCode> Call(string forwardedFor) =>
            (await client.SendAsync(From(ProxyingGatewayFactory.Ingress, HttpMethod.Get, "/.well-known/openid-configuration", forwardedFor)))
            .StatusCode;

        for (var i = 0; i < 3; i++)
        {
            (await Call("203.0.113.1")).Should().Be(HttpStatusCode.OK);
        }

        (await Call("203.0.113.1")).Should().Be(HttpStatusCode.TooManyRequests, "the first client used its three");
        (await Call("203.0.113.2")).Should().Be(HttpStatusCode.OK, "another client behind the same ingress has its own");
        (await Call("198.51.100.4, 203.0.113.3")).Should().Be(HttpStatusCode.OK,
            "the ingress appended the address it saw; what the client wrote before it is not believed");
    }

    [Fact]
    public async Task X_forwarded_for_from_anyone_but_the_trusted_ingress_is_ignored()
    {
        const string stranger = "198.51.100.7";
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await client.SendAsync(From(stranger, HttpMethod.Get, "/.well-known/openid-configuration", $"203.0.113.{100 + i}")))
                .StatusCode);
        }

        answers.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_service_behind_the_gateway_learns_the_client_address_and_not_what_the_client_forged()
    {
        await client.SendAsync(From(ProxyingGatewayFactory.Ingress, HttpMethod.Get, "/api/v1/regions", "1.2.3.4, 203.0.113.50"));

        backend.Requests.Should().ContainSingle().Which.ForwardedFor!.Split(',', StringSplitOptions.TrimEntries)[^1]
            .Should().Be("203.0.113.50");
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("TRACE")]
    public async Task The_gateway_s_health_endpoints_answer_only_get_and_head(string method)
    {
        var response = await client.SendAsync(From("203.0.113.20", new HttpMethod(method), "/health/live"));

        await response.ProblemAsync(HttpStatusCode.MethodNotAllowed, "methodNotAllowed");
        (await client.SendAsync(From("203.0.113.20", HttpMethod.Head, "/health/live"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/csv")]
    [InlineData("application/xml")]
    public async Task The_gateway_s_own_errors_are_problem_json_whatever_accept_says(string accept)
    {
        var missing = From("203.0.113.21", HttpMethod.Get, "/no/such/route");
        missing.Headers.TryAddWithoutValidation("Accept", accept);
        var notDeployed = From("203.0.113.21", HttpMethod.Get, "/api/v1/platforms");
        notDeployed.Headers.TryAddWithoutValidation("Accept", accept);

        await (await client.SendAsync(missing)).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.SendAsync(notDeployed)).ProblemAsync(HttpStatusCode.ServiceUnavailable, "serviceUnavailable");
    }

    [Fact]
    public async Task Head_is_answered_by_the_gateway_and_forwarded_as_head()
    {
        var own = await client.SendAsync(From("203.0.113.22", HttpMethod.Head, "/.well-known/jwks.json"));
        var proxied = await client.SendAsync(From("203.0.113.22", HttpMethod.Head, "/api/v1/regions"));

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await own.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        proxied.StatusCode.Should().Be(HttpStatusCode.OK);
        (await proxied.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        backend.Requests.Should().ContainSingle().Which.Method.Should().Be("HEAD");
    }

    [Fact]
    public async Task Request_lines_and_header_sections_over_the_limits_are_problems_at_the_gateway()
    {
        var headers = From("203.0.113.23", HttpMethod.Get, "/api/v1/regions");
        for (var i = 0; i < 10; i++)
        {
            headers.Headers.TryAddWithoutValidation($"X-Filler-{i}", new string('f', 4000));
        }

        await (await client.SendAsync(From("203.0.113.23", HttpMethod.Get, "/api/v1/plans/" + new string('x', 10_000))))
            .ProblemAsync(HttpStatusCode.RequestUriTooLong, "uriTooLong");
        await (await client.SendAsync(headers)).ProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "headersTooLarge");
        backend.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_large_json_answer_is_compressed_and_a_token_never_is()
    {
        var document = From("203.0.113.24", HttpMethod.Get, "/swagger/v1/swagger.json");
        document.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        var token = From("203.0.113.24", HttpMethod.Post, "/connect/token");
        token.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
        token.Content = new FormUrlEncodedContent([
            KeyValuePair.Create("grant_type", "client_credentials"), KeyValuePair.Create("client_id", LongClient.Id),
            KeyValuePair.Create("client_secret", LongClient.Secret)]);
        await using var longClientGateway = new ProxyingGatewayFactory { Backend = backend, Settings = LongClient.Settings };

        var compressed = await client.SendAsync(document);
        var issued = await longClientGateway.CreateClient().SendAsync(token);

        compressed.Content.Headers.ContentEncoding.Should().Equal("gzip");
        await using (var gzip = new GZipStream(await compressed.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
        {
            JsonNode.Parse(gzip)!["openapi"].Should().NotBeNull();
        }

        issued.StatusCode.Should().Be(HttpStatusCode.OK);
        issued.Content.Headers.ContentEncoding.Should().BeEmpty("a response carrying a secret is never compressed (BREACH)");
        var body = await issued.Content.ReadAsStringAsync();
        body.Length.Should().BeGreaterThan(ServiceDefaults.Http.ResponseCompression.MinimumBytes, "the token answer is large enough to be compressed otherwise");
        JsonNode.Parse(body)!["access_token"].Should().NotBeNull();
    }

    private static HttpRequestMessage From(string peer, HttpMethod method, string url, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add(ProxyingGatewayFactory.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return request;
    }

    /// <summary>A client whose long id makes its token answer larger than the compression threshold.</summary>
    private static class LongClient
    {
        public static readonly string Id = "statistics-bureau-" + new string('s', 600);
        public const string Secret = "long-client-secret-0123456789";

        public static Dictionary<string, string> Settings => new()
        {
            ["TokenIssuer:Clients:3:ClientId"] = Id,
            ["TokenIssuer:Clients:3:SecretHash"] = GatewayFactory.Hash(Secret),
            ["TokenIssuer:Clients:3:Scopes:0"] = "*",
        };
    }
}
