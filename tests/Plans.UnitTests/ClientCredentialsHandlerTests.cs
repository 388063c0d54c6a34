using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.ServiceClients;

namespace Plans.UnitTests;

/// <summary>The service-to-service handler over a stand-in network: a token endpoint and a target API.</summary>
public class ClientCredentialsHandlerTests
{
    private const string TokenUrl = "http://issuer.test/connect/token";

    private sealed class Network : HttpMessageHandler
    {
        public int TokensIssued { get; private set; }
        public List<string> Calls { get; } = [];
        public Func<HttpRequestMessage, int, HttpResponseMessage?>? Target { get; set; }
        public HttpStatusCode TokenStatus { get; set; } = HttpStatusCode.OK;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls.Add($"{request.Method} {request.RequestUri} {request.Headers.Authorization}");
            if (request.RequestUri!.ToString() == TokenUrl)
            {
                var form = await request.Content!.ReadAsStringAsync(cancellationToken);
                if (TokenStatus != HttpStatusCode.OK || !form.Contains("grant_type=client_credentials") || !form.Contains("scope=register.read"))
                {
                    return new HttpResponseMessage(TokenStatus == HttpStatusCode.OK ? HttpStatusCode.BadRequest : TokenStatus);
                }

                TokensIssued++;
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent($"{{\"access_token\":\"t{TokensIssued}\",\"expires_in\":3600}}", Encoding.UTF8, "application/json"),
                };
            }

            var attempt = Calls.Count(c => c.StartsWith($"{request.Method} {request.RequestUri} ", StringComparison.Ordinal));
            return Target?.Invoke(request, attempt) ?? new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    private static HttpClient Client(Network network, string? tokenUrl = TokenUrl)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("register")
            .AddClientCredentials(o =>
            {
                o.TokenUrl = tokenUrl;
                o.ClientId = "plans";
                o.ClientSecret = "s3cret:with/odd&chars";
                o.Scope = "register.read";
            })
            .ConfigurePrimaryHttpMessageHandler(() => network);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("register");
    }

    [Fact]
    public async Task Calls_carry_one_token_fetched_with_the_client_s_credentials()
    {
        var network = new Network();
        var client = Client(network);

        await client.GetAsync("http://register.test/a");
        await client.GetAsync("http://register.test/b");

        network.TokensIssued.Should().Be(1);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"plans:{Uri.EscapeDataString("s3cret:with/odd&chars")}"));
        network.Calls.Should().Equal(
            $"POST {TokenUrl} Basic {basic}",
            "GET http://register.test/a Bearer t1",
            "GET http://register.test/b Bearer t1");
    }

    [Fact]
    public async Task A_401_from_the_target_fetches_a_new_token_once()
    {
        var network = new Network { Target = (request, _) => request.Headers.Authorization?.Parameter == "t1" ? new HttpResponseMessage(HttpStatusCode.Unauthorized) : null };
        var client = Client(network);

        var response = await client.GetAsync("http://register.test/a");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.TokensIssued.Should().Be(2);
        network.Calls.Where(c => c.StartsWith("GET", StringComparison.Ordinal)).Should().Equal(
            "GET http://register.test/a Bearer t1", "GET http://register.test/a Bearer t2");
    }

    [Fact]
    public async Task A_target_that_refuses_the_new_token_too_answers_401_without_a_third_try()
    {
        var network = new Network { Target = (_, _) => new HttpResponseMessage(HttpStatusCode.Unauthorized) };
        var client = Client(network);

        var response = await client.GetAsync("http://register.test/a");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        network.TokensIssued.Should().Be(2);
    }

    [Fact]
    public async Task A_refused_client_is_a_token_request_exception_naming_the_endpoint()
    {
        var network = new Network { TokenStatus = HttpStatusCode.Unauthorized };
        var client = Client(network);

        var call = () => client.GetAsync("http://register.test/a");

        (await call.Should().ThrowAsync<TokenRequestException>()).Which.Message
            .Should().Be($"The token endpoint {TokenUrl} refused client 'plans' (401).");
        network.Calls.Should().NotContain(c => c.StartsWith("GET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_target_failing_with_a_5xx_is_tried_again()
    {
        var network = new Network { Target = (_, attempt) => attempt == 1 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : null };
        var client = Client(network);

        var response = await client.GetAsync("http://register.test/a");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.Calls.Count(c => c.StartsWith("GET", StringComparison.Ordinal)).Should().Be(2);
        network.TokensIssued.Should().Be(1, "a 5xx says nothing about the token");
    }

    [Fact]
    public async Task Without_a_token_endpoint_calls_go_out_without_a_token()
    {
        var network = new Network();
        var client = Client(network, tokenUrl: null);

        await client.GetAsync("http://register.test/a");

        network.Calls.Should().Equal("GET http://register.test/a ");
    }

    [Fact]
    public void Options_without_a_secret_are_refused()
    {
        new ClientCredentialsOptions { TokenUrl = TokenUrl, ClientId = "plans" }.IsValid.Should().BeFalse();
        new ClientCredentialsOptions { TokenUrl = "not a url", ClientId = "plans", ClientSecret = "s" }.IsValid.Should().BeFalse();
        new ClientCredentialsOptions().IsValid.Should().BeTrue("no token endpoint means calls without a token");
    }
}
