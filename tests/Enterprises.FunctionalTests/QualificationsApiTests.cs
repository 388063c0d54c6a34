using TestSupport;
using System.Net;

namespace Enterprises.FunctionalTests;

public class QualificationsApiTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("HighTech", "2024-12-02", "2027-12-01")]
    [InlineData("HighTech", "2024-02-29", "2027-02-28")]
    [InlineData("TechSme", "2026-04-15", "2026-12-31")]
    public async Task Default_terms_by_type(string type, string grantedOn, string expiresOn)
    {
        var code = await client.CreateEnterpriseAsync();

        var granted = await client.GrantAsync(code, type, grantedOn);

        granted["expiresOn"]!.GetValue<string>().Should().Be(expiresOn);
        granted["status"]!.GetValue<string>().Should().Be("valid");
        granted["type"]!.GetValue<string>().Should().Be(type);
    }

    [Theory]
    [InlineData("Eagle")]
    [InlineData("Gazelle")]
    [InlineData("Leader")]
    [InlineData("LeaderCultivation")]
    public async Task Ladder_qualifications_need_their_end_date(string type)
    {
        var code = await client.CreateEnterpriseAsync();
        var url = $"/api/v1/enterprises/{code}/qualifications";

        var missing = await (await client.PostJsonAsync(url, new { type, grantedOn = "2026-03-01" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var backwards = await (await client.PostJsonAsync(url, new { type, grantedOn = "2026-03-01", expiresOn = "2026-03-01" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var granted = await client.GrantAsync(code, type, "2026-03-01", "2028-12-31");

        missing.ErrorsFor("expiresOn").Should().ContainSingle().Which.Should().Contain("required");
        backwards.ErrorsFor("expiresOn").Should().ContainSingle().Which.Should().Contain("after");
        granted["expiresOn"]!.GetValue<string>().Should().Be("2028-12-31");
    }

    [Fact]
    public async Task Grant_publishes_QualificationGranted_with_the_new_id_in_the_outbox()
    {
        var code = await client.CreateEnterpriseAsync("120116", "12Z01");

        var granted = await client.GrantAsync(code, "HighTech", "2025-11-20");

        var payload = (await factory.OutboxAsync("QualificationGranted", code)).Should().ContainSingle().Subject;
        payload["qualificationId"]!.GetValue<long>().Should().Be(granted["id"]!.GetValue<long>()).And.BePositive();
        payload["type"]!.GetValue<string>().Should().Be("HighTech");
        payload["regionCode"]!.GetValue<string>().Should().Be("120116");
        payload["zoneCode"]!.GetValue<string>().Should().Be("12Z01");
        payload["grantedOn"]!.GetValue<string>().Should().Be("2025-11-20");
        payload["expiresOn"]!.GetValue<string>().Should().Be("2028-11-19");
        payload["id"]!.GetValue<Guid>().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Overlapping_grant_of_the_same_type_is_409_and_publishes_nothing()
    {
        var code = await client.CreateEnterpriseAsync();
        await client.GrantAsync(code, "HighTech", "2024-12-02");
        var before = await factory.OutboxCountAsync();

        var problem = await (await client.PostJsonAsync($"/api/v1/enterprises/{code}/qualifications", new { type = "HighTech", grantedOn = "2026-10-01" }))
            .ProblemAsync(HttpStatusCode.Conflict, "qualificationOverlaps");

        problem["detail"]!.GetValue<string>().Should().Contain("2027-12-01");
        (await factory.OutboxCountAsync()).Should().Be(before);
        await client.GrantAsync(code, "TechSme", "2026-10-01");
    }

    [Fact]
    public async Task Grant_lifecycle_grant_then_revoke()
    {
        var code = await client.CreateEnterpriseAsync();
        var granted = await client.GrantAsync(code, "Gazelle", "2025-09-01", "2027-08-31");
        var url = $"/api/v1/enterprises/{code}/qualifications/{granted["id"]}";

        var revoked = await (await client.PostJsonAsync($"{url}/revoke", new { reason = "存在严重失信行为", revokedOn = "2026-06-30" })).JsonAsync(HttpStatusCode.OK);
        var again = await client.PostJsonAsync($"{url}/revoke", new { reason = "again" });

        revoked["status"]!.GetValue<string>().Should().Be("revoked");
        revoked["revokedOn"]!.GetValue<string>().Should().Be("2026-06-30");
        await again.ProblemAsync(HttpStatusCode.Conflict, "qualificationNotValid");
        (await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK))["revocationReason"]!.GetValue<string>().Should().Be("存在严重失信行为");
        (await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK))["qualifications"]!.AsArray().Should().BeEmpty();
        var payload = (await factory.OutboxAsync("QualificationRevoked", code)).Should().ContainSingle().Subject;
        payload["reason"]!.GetValue<string>().Should().Be("存在严重失信行为");
        payload["revokedOn"]!.GetValue<string>().Should().Be("2026-06-30");
        payload["type"]!.GetValue<string>().Should().Be("Gazelle");
        await client.GrantAsync(code, "Gazelle", "2026-07-01", "2028-06-30");
    }

    [Theory]
    [InlineData("2025-08-31", "before the grant")]
    [InlineData("2030-01-01", "after the qualification ended")]
    public async Task Revocation_date_must_lie_in_the_term(string revokedOn, string message)
    {
        var code = await client.CreateEnterpriseAsync();
        var granted = await client.GrantAsync(code, "Eagle", "2025-09-01", "2027-08-31");

        var problem = await (await client.PostJsonAsync($"/api/v1/enterprises/{code}/qualifications/{granted["id"]}/revoke", new { reason = "x", revokedOn }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("revokedOn").Should().ContainSingle().Which.Should().Contain(message);
        (await factory.OutboxAsync("QualificationRevoked", code)).Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_grants_are_refused_with_field_errors()
    {
        var code = await client.CreateEnterpriseAsync(foundedOn: "2015-03-18");
        var url = $"/api/v1/enterprises/{code}/qualifications";

        await (await client.PostJsonAsync(url, new { type = "Unicorn", grantedOn = "2026-01-01" })).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        var future = await (await client.PostJsonAsync(url, new { type = "HighTech", grantedOn = "2027-01-01" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var early = await (await client.PostJsonAsync(url, new { type = "HighTech", grantedOn = "2014-01-01" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var noReason = await (await client.PostJsonAsync($"{url}/1/revoke", new { reason = "" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        await (await client.PostJsonAsync($"/api/v1/enterprises/{CreditCodes.New()}/qualifications", new { type = "HighTech", grantedOn = "2026-01-01" }))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.GetAsync($"{url}/999999")).ProblemAsync(HttpStatusCode.NotFound, "notFound");

        future.ErrorsFor("grantedOn").Should().ContainSingle().Which.Should().Contain("future");
        early.ErrorsFor("grantedOn").Should().ContainSingle().Which.Should().Contain("founded");
        noReason.ErrorsFor("reason").Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_late_registered_grant_whose_term_has_ended_is_recorded_expired()
    {
        var code = await client.CreateEnterpriseAsync();

        var granted = await client.GrantAsync(code, "HighTech", "2019-10-28");

        granted["status"]!.GetValue<string>().Should().Be("expired");
        granted["expiredOn"]!.GetValue<string>().Should().Be("2022-10-28");
        (await factory.OutboxAsync("QualificationGranted", code)).Should().ContainSingle();
        (await factory.OutboxAsync("QualificationExpired", code)).Should().ContainSingle();
        var list = await (await client.GetAsync($"/api/v1/enterprises/{code}/qualifications?status=expired&count=true")).JsonAsync(HttpStatusCode.OK);
        list["totalCount"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Grants_are_audited()
    {
        var code = await client.CreateEnterpriseAsync();
        await client.GrantAsync(code, "TechSme", "2026-02-01");

        var trail = await (await client.GetAsync($"/api/v1/audit/enterprises?resourceType=Qualification&resourceKey={code}/TechSme/2026-02-01")).JsonAsync(HttpStatusCode.OK);

        var record = trail["items"]!.AsArray().Should().ContainSingle().Subject!;
        record["action"]!.GetValue<string>().Should().Be("create");
        record["changes"]!["expiresOn"]!["after"]!.GetValue<string>().Should().Be("2026-12-31");
    }
}
