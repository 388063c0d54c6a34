using TestSupport;
using System.Net;
using System.Text.Json.Nodes;

namespace Enterprises.FunctionalTests;

public class EnterprisesApiTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Registers_an_enterprise_with_location_etag_and_event()
    {
        var code = CreditCodes.New();

        var response = await client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(code));

        var created = await response.JsonAsync(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/api/v1/enterprises/{code}");
        response.ETag().Should().Be("\"1\"");
        created["name"]!.GetValue<string>().Should().Be("天津市海河智能科技有限公司");
        created["nameEn"]!.GetValue<string>().Should().StartWith("Tianjin Haihe");
        created["zoneCode"]!.GetValue<string>().Should().Be("12Z01");
        created["qualifications"]!.AsArray().Should().BeEmpty();
        var read = await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK);
        read["foundedOn"]!.GetValue<string>().Should().Be("2015-03-18");
        var registered = (await factory.OutboxAsync("EnterpriseRegistered", code)).Should().ContainSingle().Subject;
        registered["regionCode"]!.GetValue<string>().Should().Be("120116");
        registered["foundedOn"]!.GetValue<string>().Should().Be("2015-03-18");
    }

    [Fact]
    public async Task A_lower_case_code_is_stored_upper_case()
    {
        var code = CreditCodes.New("120110");
        var lower = code.ToLowerInvariant();

        await (await client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(lower))).JsonAsync(HttpStatusCode.Created);

        (await (await client.GetAsync($"/api/v1/enterprises/{lower}")).JsonAsync(HttpStatusCode.OK))["creditCode"]!
            .GetValue<string>().Should().Be(code);
    }

    [Fact]
    public async Task Rejects_a_duplicate_credit_code_with_409_and_no_second_event()
    {
        var code = await client.CreateEnterpriseAsync();

        await (await client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(code))).ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");

        (await factory.OutboxAsync("EnterpriseRegistered", code)).Should().ContainSingle();
    }

    [Fact]
    public async Task Rejects_credit_code_with_wrong_check_character_naming_the_check()
    {
        var before = await factory.OutboxCountAsync();
        var code = CreditCodes.WithWrongCheck(CreditCodes.New());

        var problem = await (await client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(code)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("creditCode").Should().ContainSingle().Which.Should().Contain("check character");
        (await client.GetAsync($"/api/v1/enterprises/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.OutboxCountAsync()).Should().Be(before, "a refused request publishes nothing");
    }

    [Theory]
    [InlineData("129999", "does not exist")]
    [InlineData("120000", "not a district")]
    [InlineData("12Z01", "not a district")]
    public async Task Rejects_a_region_that_is_not_a_district(string regionCode, string message)
    {
        var problem = await (await client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(CreditCodes.New(), regionCode)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("regionCode").Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public async Task Rejects_a_zone_that_is_not_a_functional_zone_and_a_future_founding_date()
    {
        var body = Api.Enterprise(CreditCodes.New(), "120116", "120110", foundedOn: "2030-01-01");

        var problem = await (await client.PostJsonAsync("/api/v1/enterprises", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("zoneCode").Should().ContainSingle().Which.Should().Contain("not a functional zone");
        problem.ErrorsFor("foundedOn").Should().ContainSingle().Which.Should().Contain("future");
    }

    [Fact]
    public async Task Unknown_fields_and_missing_body_are_400()
    {
        await (await client.PostRawAsync("/api/v1/enterprises", "{\"creditCode\":\"x\",\"nmae\":\"y\"}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        await (await client.PostRawAsync("/api/v1/enterprises", "")).ProblemAsync(HttpStatusCode.BadRequest, "bodyRequired");
    }

    [Fact]
    public async Task Unknown_enterprise_is_404()
    {
        await (await client.GetAsync($"/api/v1/enterprises/{CreditCodes.New()}")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_creates_once()
    {
        var code = CreditCodes.New();
        var key = Guid.NewGuid().ToString();

        var first = await client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(code), key);
        var second = await client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(code), key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await factory.OutboxAsync("EnterpriseRegistered", code)).Should().ContainSingle();
        await (await client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(CreditCodes.New()), key))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotencyKeyReused");
    }

    [Fact]
    public async Task Patch_needs_a_current_etag_and_publishes_only_real_changes()
    {
        var code = await client.CreateEnterpriseAsync();
        var url = $"/api/v1/enterprises/{code}";

        await (await client.PatchAsync(url, new { industry = "生物医药" }, null)).ProblemAsync(HttpStatusCode.PreconditionRequired, "preconditionRequired");
        await (await client.PatchAsync(url, new { industry = "生物医药" }, "\"7\"")).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
        var changed = await client.PatchAsync(url, new { industry = "生物医药", zoneCode = (string?)null }, "\"1\"");
        var body = await changed.JsonAsync(HttpStatusCode.OK);
        var unchanged = await client.PatchAsync(url, new { industry = "生物医药" }, changed.ETag());

        body["industry"]!.GetValue<string>().Should().Be("生物医药");
        body["zoneCode"].Should().BeNull();
        changed.ETag().Should().Be("\"2\"");
        (await unchanged.JsonAsync(HttpStatusCode.OK)).Should().NotBeNull();
        unchanged.ETag().Should().Be("\"2\"", "nothing changed");
        var updated = (await factory.OutboxAsync("EnterpriseUpdated", code)).Should().ContainSingle().Subject;
        updated["industry"]!.GetValue<string>().Should().Be("生物医药");
        updated["zoneCode"].Should().BeNull();
    }

    [Fact]
    public async Task Patch_refuses_the_credit_code_and_qualifications_and_validates_the_result()
    {
        var code = await client.CreateEnterpriseAsync();
        var url = $"/api/v1/enterprises/{code}";

        var readOnly = await (await client.PatchAsync(url, new { creditCode = CreditCodes.New(), qualifications = Array.Empty<object>() }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var invalid = await (await client.PatchAsync(url, new { regionCode = "120000", name = "" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        readOnly.ErrorsFor("creditCode").Should().NotBeEmpty();
        readOnly.ErrorsFor("qualifications").Should().NotBeEmpty();
        invalid.ErrorsFor("regionCode").Should().NotBeEmpty();
        invalid.ErrorsFor("name").Should().NotBeEmpty();
        (await client.GetAsync(url)).ETag().Should().Be("\"1\"");
    }

    [Fact]
    public async Task Founding_date_cannot_move_after_existing_records()
    {
        var code = await client.CreateEnterpriseAsync(foundedOn: "2015-03-18");
        await client.GrantAsync(code, "HighTech", "2018-11-30");

        var problem = await (await client.PatchAsync($"/api/v1/enterprises/{code}", new { foundedOn = "2019-01-01" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("foundedOn").Should().ContainSingle().Which.Should().Contain("2018-11-30");
    }

    [Fact]
    public async Task Region_scoped_clients_write_only_within_their_region()
    {
        var dongli = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read enterprises.write", region: "120110", clientId: "dongli"));
        var zone = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read enterprises.write", region: "12Z01", clientId: "hitech-zone"));
        var binhai = await client.CreateEnterpriseAsync("120116", "12Z01");

        await (await dongli.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(CreditCodes.New(), "120116", null)))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await dongli.PatchAsync($"/api/v1/enterprises/{binhai}", new { industry = "x" }, "\"1\"")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await dongli.PostJsonAsync($"/api/v1/enterprises/{binhai}/qualifications", new { type = "TechSme", grantedOn = "2026-05-01" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await dongli.GetAsync($"/api/v1/enterprises/{binhai}")).StatusCode.Should().Be(HttpStatusCode.OK, "reading is not confined");
        await (await dongli.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(CreditCodes.New(), "120110", null))).JsonAsync(HttpStatusCode.Created);
        await (await zone.PatchAsync($"/api/v1/enterprises/{binhai}", new { industry = "高端装备" }, "\"1\"")).JsonAsync(HttpStatusCode.OK);
        await (await dongli.PatchAsync($"/api/v1/enterprises/{binhai}", new { regionCode = "120110" }, "\"2\"")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Reading_needs_a_token_with_enterprises_read_and_writing_enterprises_write()
    {
        var anonymous = factory.ClientWith(null);
        var reader = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read"));

        (await anonymous.GetAsync("/api/v1/enterprises")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await reader.GetAsync("/api/v1/enterprises")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(CreditCodes.New()))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.PostAsync("/api/v1/qualifications/expire", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Writes_are_audited_with_the_client_and_the_changed_fields()
    {
        var code = await client.CreateEnterpriseAsync();
        await (await client.PatchAsync($"/api/v1/enterprises/{code}", new { industry = "新材料" }, "\"1\"")).JsonAsync(HttpStatusCode.OK);

        var trail = (await (await client.GetAsync($"/api/v1/audit/enterprises?resourceType=Enterprise&resourceKey={code}")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();

        trail.Select(r => r!["action"]!.GetValue<string>()).Should().Equal("update", "create");
        trail[0]!["changes"]!["industry"]!["before"]!.GetValue<string>().Should().Be("新一代信息技术");
        trail[0]!["changes"]!["industry"]!["after"]!.GetValue<string>().Should().Be("新材料");
        trail[1]!["clientId"]!.GetValue<string>().Should().Be("test-client");
    }
}
