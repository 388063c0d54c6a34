using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platforms.Api.Data;

namespace Platforms.FunctionalTests;

public class ServiceSurfaceTests(PlatformsApiFactory factory) : IClassFixture<PlatformsApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Readiness_includes_the_database_and_redis()
    {
        var health = await (await client.GetAsync("/health/ready")).JsonAsync(HttpStatusCode.OK);

        health["checks"]!["database"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        health["checks"]!["redis"]!["status"]!.GetValue<string>().Should().Be("Healthy");
    }

    [Fact]
    public void Runs_on_the_database_the_test_script_chose()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformsDbContext>();

        var expected = PlatformsApiFactory.ProviderName == "Postgres" ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite";
        db.Database.ProviderName.Should().Be(expected);
    }

    [Fact]
    public async Task The_OpenAPI_document_matches_the_committed_contract()
    {
        var document = await OpenApiContract.MatchesCommittedAsync(client, "services", "Platforms", "Platforms.Api", "Platforms.Api.json");

        document["paths"]!["/api/v1/platforms/{id}/revocation-proposals/{proposalId}/decision"].Should().NotBeNull();
        document["paths"]!["/api/v1/platforms/statistics"]!["get"]!["security"].Should().BeNull("the statistics are public");
        document["components"]!["schemas"]!["PlatformStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Equal("underConstruction", "active", "suspended", "revoked");
        document["components"]!["schemas"]!["PlatformLevel"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Equal("national", "municipal", "district");
    }

    [Fact]
    public async Task The_event_bus_status_is_for_admins()
    {
        (await client.GetAsync("/api/v1/events/status")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.ClientWith(PlatformsApiFactory.Issuer.Token("platforms.read")).GetAsync("/api/v1/events/status"))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
