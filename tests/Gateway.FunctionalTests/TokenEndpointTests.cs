using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.FunctionalTests;

public class TokenEndpointTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private Task<HttpResponseMessage> RequestToken(params (string Key, string Value)[] fields) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))));

    [Fact]
    public async Task Issues_a_signed_token_that_validates_against_the_published_keys()
    {
        var response = await RequestToken(("grant_type", "client_credentials"), ("client_id", "dongli"),
            ("client_secret", GatewayFactory.DongliSecret));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        body["token_type"]!.GetValue<string>().Should().Be("Bearer");
        body["expires_in"]!.GetValue<int>().Should().Be(900);
        body["scope"]!.GetValue<string>().Should().Be("plans.read plans.write");

        var jwks = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks.json"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(body["access_token"]!.GetValue<string>(), new TokenValidationParameters
        {
            ValidIssuer = "http://gateway.test",
            ValidAudience = "tianjin-sti-api",
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        result.IsValid.Should().BeTrue(result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        token.Alg.Should().Be("RS256");
        token.GetClaim("client_id").Value.Should().Be("dongli");
        token.GetClaim("region").Value.Should().Be("120110");
        token.GetClaim("scope").Value.Should().Be("plans.read plans.write");
        (token.ValidTo - token.ValidFrom).Should().Be(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task A_client_configured_with_a_unit_gets_a_unit_claim_and_one_without_none()
    {
        async Task<JsonWebToken> TokenOf(string clientId, string secret)
        {
            var response = await RequestToken(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return new JsonWebToken(body["access_token"]!.GetValue<string>());
        }

        var unit = await TokenOf("dongli-industry", GatewayFactory.DongliIndustrySecret);
        unit.GetClaim("unit").Value.Should().Be("区工信局");
        unit.GetClaim("region").Value.Should().Be("120110");
        (await TokenOf("dongli", GatewayFactory.DongliSecret)).TryGetClaim("unit", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Accepts_client_credentials_in_basic_authentication_and_narrows_to_the_scopes_asked()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials"), KeyValuePair.Create("scope", "plans.read")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{GatewayFactory.AdminSecret}")));

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["scope"]!.GetValue<string>().Should().Be("plans.read");
    }

    [Theory]
    [InlineData("admin", "wrong-secret")]
    [InlineData("nobody", GatewayFactory.AdminSecret)]
    [InlineData("admin", "")]
    public async Task Refuses_an_unknown_client_or_a_wrong_secret_with_401_invalid_client(string clientId, string secret)
    {
        var response = await RequestToken(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ErrorAsync(response)).Should().Be("invalid_client");
    }

    [Fact]
    public async Task Refuses_a_scope_the_client_may_not_hold()
    {
        var response = await RequestToken(("grant_type", "client_credentials"), ("client_id", "reader"),
            ("client_secret", GatewayFactory.ReaderSecret), ("scope", "plans.read plans.write"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).Should().Be("invalid_scope");
    }

    [Fact]
    public async Task Refuses_other_grants_and_bodies_that_are_not_forms()
    {
        var password = await RequestToken(("grant_type", "password"), ("client_id", "admin"), ("client_secret", GatewayFactory.AdminSecret));
        var json = await client.PostAsync("/connect/token", new StringContent("{}", Encoding.UTF8, "application/json"));

        password.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(password)).Should().Be("unsupported_grant_type");
        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(json)).Should().Be("invalid_request");
    }

    [Fact]
    public async Task A_form_the_server_cannot_read_is_invalid_request_not_a_500()
    {
        var fields = Enumerable.Range(0, 1500).Select(i => KeyValuePair.Create($"f{i}", "x")).ToList();
        fields.Add(KeyValuePair.Create("grant_type", "client_credentials"));

        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(fields));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).Should().Be("invalid_request");
    }

    [Theory]
    [InlineData("grant_type")]
    [InlineData("client_id")]
    [InlineData("client_secret")]
    [InlineData("scope")]
    public async Task A_form_field_sent_twice_is_invalid_request(string repeated)
    {
        var fields = new List<(string Key, string Value)>
        {
            ("grant_type", "client_credentials"), ("client_id", "admin"), ("client_secret", GatewayFactory.AdminSecret), ("scope", "plans.read"),
        };
        fields.Add(fields.Single(f => f.Key == repeated));

        var response = await RequestToken([.. fields]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).Should().Be("invalid_request");
    }

    public static TheoryData<string, string> MalformedBasicCredentials => new()
    {
        { "not base64", "Basic !!!not-base64!!!" },
        { "nothing after the scheme", "Basic " },
        { "no colon", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin")) },
        { "invalid UTF-8", "Basic " + Convert.ToBase64String([0x61, 0x64, 0xC3, 0x28, 0x3A, 0xFF, 0xFE]) },
        { "a broken percent escape", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin%:%zz%")) },
        { "12 KB", "Basic " + new string('A', 12 * 1024) },
    };

    [Theory]
    [MemberData(nameof(MalformedBasicCredentials))]
    public async Task Malformed_basic_credentials_are_401_invalid_client_with_a_basic_challenge(string kind, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]),
        };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, kind);
        (await ErrorAsync(response)).Should().Be("invalid_client", kind);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Basic", kind);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("text/plain;q=0.5, image/png")]
    public async Task Whatever_accept_says_the_token_endpoint_answers_json_and_never_a_500(string accept)
    {
        async Task<HttpResponseMessage> Send(params (string Key, string Value)[] fields)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
            {
                Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))),
            };
            request.Headers.TryAddWithoutValidation("Accept", accept);
            return await client.SendAsync(request);
        }

        var granted = await Send(("grant_type", "client_credentials"), ("client_id", "admin"), ("client_secret", GatewayFactory.AdminSecret));
        var wrongSecret = await Send(("grant_type", "client_credentials"), ("client_id", "admin"), ("client_secret", "wrong"));
        var otherGrant = await Send(("grant_type", "password"));

        granted.StatusCode.Should().Be(HttpStatusCode.OK);
        granted.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        wrongSecret.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ErrorAsync(wrongSecret)).Should().Be("invalid_client");
        otherGrant.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(otherGrant)).Should().Be("unsupported_grant_type");
    }

    [Fact]
    public async Task Discovery_names_the_issuer_the_keys_and_the_token_endpoint()
    {
        var discovery = JsonNode.Parse(await client.GetStringAsync("/.well-known/openid-configuration"))!;

        discovery["issuer"]!.GetValue<string>().Should().Be("http://gateway.test");
        discovery["jwks_uri"]!.GetValue<string>().Should().Be("http://gateway.test/.well-known/jwks.json");
        discovery["token_endpoint"]!.GetValue<string>().Should().Be("http://gateway.test/connect/token");
        discovery["grant_types_supported"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Equal("client_credentials");
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
}
