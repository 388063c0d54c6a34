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

    [Fact]
    public async Task The_OpenAPI_document_matches_the_committed_contract()
    {
        var document = await OpenApiContract.MatchesCommittedAsync(client, "services", "Plans", "Plans.Api", "Plans.Api.json");
        document["paths"]!["/api/v1/plans/{code}/progress"].Should().NotBeNull();
        document["components"]!["schemas"]!["PlanKind"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Contain("fiveYearPlan");
    }
}
