using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Plans.FunctionalTests;

public class ServiceSurfaceTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        var health = await (await client.GetAsync(path)).JsonAsync(HttpStatusCode.OK);

        health["status"]!.GetValue<string>().Should().Be("Healthy");
    }

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
        var db = scope.ServiceProvider.GetRequiredService<Plans.Api.Data.PlansDbContext>();

        var expected = PlansApiFactory.ProviderName == "Postgres" ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite";
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
        var committedPath = Path.Combine(TestPaths.RepositoryRoot, "services", "Plans", "Plans.Api", "Plans.Api.json");
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
        document["paths"]!["/api/v1/plans/{code}/progress"].Should().NotBeNull();
        document["components"]!["schemas"]!["PlanKind"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Contain("fiveYearPlan");
    }
}
