using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using TestSupport;

namespace Gateway.FunctionalTests;

/// <summary>
/// The contract as the gateway publishes it: its own document (the token endpoint), committed like the
/// services'; each service's document at /openapi/{service}.json with the gateway as its server; and
/// the audit and event paths routed to the services as they are, so the services' documents are true here.
/// </summary>
public class PublishedContractTests : IAsyncLifetime
{
    private EchoBackend backend = null!;
    private ProxyingGatewayFactory factory = null!;

    public async Task InitializeAsync()
    {
        backend = await EchoBackend.StartAsync();
        factory = new ProxyingGatewayFactory
        {
            Backend = backend, Backends = new Dictionary<string, EchoBackend> { ["platforms"] = backend, ["talent"] = backend },
        };
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await backend.DisposeAsync();
    }

    [Fact]
    public async Task The_gateway_document_matches_the_committed_contract_and_types_the_token_endpoint()
    {
        // Called as deploy/run.sh's gateway is, so that the document names the server the committed one does.
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost:8080") });

        var document = await OpenApiContract.MatchesCommittedAsync(client, "gateway", "Gateway", "Gateway.json");

        document["servers"]![0]!["url"]!.GetValue<string>().Should().Be("http://localhost:8080");
        var token = document["paths"]!["/connect/token"]!["post"]!;
        token["requestBody"]!["content"]!["application/x-www-form-urlencoded"].Should().NotBeNull();
        token["security"]!.AsArray().Should().BeEmpty("the token endpoint is called without a token");
        token["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>()
            .Should().EndWith("/TokenResponse");
        token["responses"]!["400"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>()
            .Should().EndWith("/OAuthError", "an OAuth client library reads error and error_description, not problem details");
        token["responses"]!["401"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().EndWith("/OAuthError");
        token["responses"]!["415"].Should().BeNull("a body that is not a form is a 400 invalid_request");
        document["components"]!["schemas"]!["TokenResponse"]!["required"]!.AsArray().Select(r => r!.GetValue<string>())
            .Should().BeEquivalentTo("access_token", "token_type", "expires_in", "scope");
    }

    [Theory]
    [InlineData("plans")]
    [InlineData("enterprises")]
    [InlineData("platforms")]
    [InlineData("talent")]
    public async Task A_service_document_is_published_with_the_gateway_as_its_server(string service)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://api.example.gov.cn") });

        var response = await client.GetAsync($"/openapi/{service}.json");

        var published = await response.JsonAsync(HttpStatusCode.OK);
        published["servers"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()).Should().Equal("https://api.example.gov.cn");
        published["path"]!.GetValue<string>().Should().Be("/swagger/v1/swagger.json", "the rest of the service's document is left as it is");
    }

    [Theory]
    [InlineData("/api/v1/audit/plans?resourceKey=TJ-STI-14FYP", "/api/v1/audit/plans")]
    [InlineData("/api/v1/audit/enterprises", "/api/v1/audit/enterprises")]
    [InlineData("/api/v1/events/plans/status", "/api/v1/events/plans/status")]
    [InlineData("/api/v1/events/enterprises/dead-letters/1-0/replay", "/api/v1/events/enterprises/dead-letters/1-0/replay")]
    [InlineData("/api/v1/audit/talent", "/api/v1/audit/talent")]
    [InlineData("/api/v1/events/talent/status", "/api/v1/events/talent/status")]
    [InlineData("/api/v1/events/platforms/dead-letters/1-0/replay", "/api/v1/events/platforms/dead-letters/1-0/replay")]
    public async Task Audit_and_event_paths_reach_the_service_as_documented(string path, string received)
    {
        var echoed = await (await factory.CreateClient().GetAsync(path)).JsonAsync(HttpStatusCode.OK);

        echoed["path"]!.GetValue<string>().Should().Be(received);
    }

    [Fact]
    public async Task Every_path_of_each_service_document_reaches_that_service_unchanged()
    {
        string[] services = ["Plans", "Enterprises", "Platforms", "Talent"];
        var backends = new Dictionary<string, EchoBackend>();
        foreach (var service in services)
        {
            backends[service.ToLowerInvariant()] = await EchoBackend.StartAsync();
        }

        try
        {
            await using var routed = new ProxyingGatewayFactory { Backend = backend, Backends = backends };
            var client = routed.CreateClient();
            foreach (var service in services)
            {
                var document = JsonNode.Parse(await File.ReadAllTextAsync(
                    Path.Combine(TestPaths.RepositoryRoot, "services", service, $"{service}.Api", $"{service}.Api.json")))!;
                var paths = document["paths"]!.AsObject().Select(p => Regex.Replace(p.Key, "{[^}]+}", "x1")).ToList();
                paths.Should().NotBeEmpty(service);
                foreach (var path in paths)
                {
                    var echoed = await (await client.GetAsync(path)).JsonAsync(HttpStatusCode.OK);

                    echoed["path"]!.GetValue<string>().Should().Be(path, $"{path} of the {service} document");
                    backends[service.ToLowerInvariant()].Requests.Should().Contain(r => r.Path == path, $"{path} goes to {service}");
                }
            }
        }
        finally
        {
            foreach (var echo in backends.Values)
            {
                await echo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_token_form_field_longer_than_documented_is_invalid_request()
    {
        var response = await factory.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent([
            KeyValuePair.Create("grant_type", "client_credentials"), KeyValuePair.Create("client_id", "admin"),
            KeyValuePair.Create("client_secret", new string('s', 1001))]));

        var error = await response.JsonAsync(HttpStatusCode.BadRequest);
        error["error"]!.GetValue<string>().Should().Be("invalid_request");
    }
}
