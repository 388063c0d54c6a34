using System.Net;
using System.Text.Json.Nodes;
using Enterprises.Api.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Enterprises.FunctionalTests;

public class ServiceSurfaceTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Readiness_includes_the_database()
    {
        var health = await (await client.GetAsync("/health/ready")).JsonAsync(HttpStatusCode.OK);

        health["checks"]!["database"]!["status"]!.GetValue<string>().Should().Be("Healthy");
    }

    [Fact]
    public void Runs_on_the_database_the_test_script_chose()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();

        var expected = EnterprisesApiFactory.ProviderName == "Postgres" ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite";
        db.Database.ProviderName.Should().Be(expected);
    }

    /// <summary>
    /// The committed OpenAPI document is the contract clients code against; a change to it must show
    /// in the diff. Run with UPDATE_OPENAPI=1 to rewrite it after an intended change.
    /// </summary>
    [Fact]
    public async Task The_OpenAPI_document_matches_the_committed_contract()
    {
        var served = await (await client.GetAsync("/swagger/v1/swagger.json")).Content.ReadAsStringAsync();
        var document = JsonNode.Parse(served)!;
        var committedPath = Path.Combine(TestPaths.RepositoryRoot, "services", "Enterprises", "Enterprises.Api", "Enterprises.Api.json");
        var normalized = document.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committedPath, normalized);
        }

        normalized.Should().Be(await File.ReadAllTextAsync(committedPath),
            "the API contract changed; review it and run the tests with UPDATE_OPENAPI=1 to commit the new document");
        document["paths"]!["/api/v1/enterprises/{creditCode}/qualifications/{id}/revoke"].Should().NotBeNull();
        document["components"]!["schemas"]!["QualificationType"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Contain("HighTech");
        document["components"]!["schemas"]!["QualificationStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Equal("valid", "expired", "revoked");
    }
}
