using Enterprises.Api.Data;

namespace Enterprises.FunctionalTests;

public class ServiceSurfaceTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public Task Readiness_includes_the_database() => ServiceSurface.ReadinessIsHealthyAsync(client, "database");

    [Fact]
    public void Runs_on_the_database_the_test_script_chose() => ServiceSurface.RunsOnTheDatabaseTheTestScriptChose<EnterprisesDbContext>(factory.Services);

    [Fact]
    public async Task The_OpenAPI_document_matches_the_committed_contract()
    {
        var document = await OpenApiContract.MatchesCommittedAsync(client, "services", "Enterprises", "Enterprises.Api", "Enterprises.Api.json");
        document["paths"]!["/api/v1/enterprises/{creditCode}/qualifications/{id}/revoke"].Should().NotBeNull();
        document.EnumOf("QualificationType").Should().Contain("HighTech");
        document.EnumOf("QualificationStatus").Should().Equal("valid", "expired", "revoked");
        document["paths"]!["/api/v1/enterprises/{creditCode}/designations/{id}/withdraw"].Should().NotBeNull();
        document["paths"]!["/api/v1/designations"].Should().NotBeNull();
        document.EnumOf("DesignationKind").Should().Equal("Listed", "ListingReserve", "Unicorn", "PotentialUnicorn");
        document.EnumOf("ListingBoard").Should().Equal("sseMain", "szseMain", "star", "chinext", "bse", "hkex", "overseas");
    }
}
