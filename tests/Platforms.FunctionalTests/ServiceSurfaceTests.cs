using System.Net;
using Platforms.Api.Data;

namespace Platforms.FunctionalTests;

public class ServiceSurfaceTests(PlatformsApiFactory factory) : IClassFixture<PlatformsApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public Task Readiness_includes_the_database_and_redis() => ServiceSurface.ReadinessIsHealthyAsync(client, "database", "redis");

    [Fact]
    public void Runs_on_the_database_the_test_script_chose() => ServiceSurface.RunsOnTheDatabaseTheTestScriptChose<PlatformsDbContext>(factory.Services);

    [Fact]
    public async Task The_OpenAPI_document_matches_the_committed_contract()
    {
        var document = await OpenApiContract.MatchesCommittedAsync(client, "services", "Platforms", "Platforms.Api", "Platforms.Api.json");

        document["paths"]!["/api/v1/platforms/{id}/revocation-proposals/{proposalId}/decision"].Should().NotBeNull();
        document["paths"]!["/api/v1/platforms/statistics"]!["get"]!["security"]!.AsArray().Should().BeEmpty("the statistics are public: an explicit security: [] says no token is needed");
        document.EnumOf("PlatformStatus").Should().Equal("underConstruction", "active", "suspended", "revoked");
        document.EnumOf("PlatformLevel").Should().Equal("national", "municipal", "district");
    }

    [Fact]
    public async Task The_event_bus_status_is_for_admins()
    {
        (await client.GetAsync("/api/v1/events/platforms/status")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.ClientWith(PlatformsApiFactory.Issuer.Token("platforms.read")).GetAsync("/api/v1/events/platforms/status"))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
