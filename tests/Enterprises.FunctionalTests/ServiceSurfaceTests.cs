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

    [Fact]
    public async Task The_OpenAPI_document_matches_the_committed_contract()
    {
        var document = await OpenApiContract.MatchesCommittedAsync(client, "services", "Enterprises", "Enterprises.Api", "Enterprises.Api.json");
        document["paths"]!["/api/v1/enterprises/{creditCode}/qualifications/{id}/revoke"].Should().NotBeNull();
        document["components"]!["schemas"]!["QualificationType"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Contain("HighTech");
        document["components"]!["schemas"]!["QualificationStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Equal("valid", "expired", "revoked");
        document["paths"]!["/api/v1/enterprises/{creditCode}/designations/{id}/withdraw"].Should().NotBeNull();
        document["paths"]!["/api/v1/designations"].Should().NotBeNull();
        document["components"]!["schemas"]!["DesignationKind"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Equal("Listed", "ListingReserve", "Unicorn", "PotentialUnicorn");
        document["components"]!["schemas"]!["ListingBoard"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Equal("sseMain", "szseMain", "star", "chinext", "bse", "hkex", "overseas");
    }
}
