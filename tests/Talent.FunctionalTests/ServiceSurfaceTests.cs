using Talent.Api.Data;

namespace Talent.FunctionalTests;

public class ServiceSurfaceTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public Task Readiness_includes_the_database_and_redis() => ServiceSurface.ReadinessIsHealthyAsync(client, "database", "redis");

    [Fact]
    public void Runs_on_the_database_the_test_script_chose() => ServiceSurface.RunsOnTheDatabaseTheTestScriptChose<TalentDbContext>(factory.Services);

    [Fact]
    public async Task The_OpenAPI_document_matches_the_committed_contract()
    {
        var document = await OpenApiContract.MatchesCommittedAsync(client, "services", "Talent", "Talent.Api", "Talent.Api.json");

        document["paths"]!["/api/v1/talents/lookup"]!["post"]!["description"]!.GetValue<string>().Should().Contain("talent.pii");
        document["paths"]!["/api/v1/talents/{talentId}/recognitions/{recognitionId}/revoke"].Should().NotBeNull();
        document["paths"]!["/api/v1/commissioners/{id}/appraisals"].Should().NotBeNull();
        document["paths"]!["/api/v1/talents"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>())
            .Should().NotContain(["idNumber", "phone"], "personal data is never a query parameter");
        document.EnumOf("DocumentType").Should().Equal("residentIdentityCard", "passport", "foreignPermanentResidence");
    }
}
