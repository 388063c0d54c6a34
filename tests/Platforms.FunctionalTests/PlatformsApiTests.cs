using System.Net;
using System.Text.Json.Nodes;

namespace Platforms.FunctionalTests;

public class PlatformsApiTests(PlatformsApiFactory factory) : IClassFixture<PlatformsApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Accrediting_a_platform_answers_201_with_its_location_etag_and_fields()
    {
        var body = Api.Platform("UniversitySciencePark", "municipal", "120104", name: Api.UniqueName("南开大学国家大学科技园"));

        var response = await client.PostJsonAsync("/api/v1/platforms", body);
        var platform = await response.JsonAsync(HttpStatusCode.Created);

        var id = platform["id"]!.GetValue<string>();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/platforms/{id}");
        response.ETag().Should().Be("\"1\"");
        platform["type"]!.GetValue<string>().Should().Be("UniversitySciencePark");
        platform["typeName"]!.GetValue<string>().Should().Be("大学科技园");
        platform["level"]!.GetValue<string>().Should().Be("municipal");
        platform["status"]!.GetValue<string>().Should().Be("active");
        platform["statusSince"]!.GetValue<string>().Should().Be("2024-05-20");
        platform["hostKind"]!.GetValue<string>().Should().Be("university");
        platform["hostName"]!.GetValue<string>().Should().Be("天津大学");
        platform["activeTenants"].Should().BeNull("a science park takes no tenants");
        var read = await client.GetAsync($"/api/v1/platforms/{id}");
        (await read.JsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>().Should().Be(body["name"]!.ToString());
        read.ETag().Should().Be("\"1\"");
    }

    [Fact]
    public async Task A_platform_hosted_by_an_enterprise_shows_the_register_s_name_and_publishes_the_host_in_its_event()
    {
        var host = factory.Enterprise("天津市静海新材料科技有限公司");

        var platform = await client.AccreditAsync(Api.Platform("EnterpriseTechCenter", "municipal").HostedBy(host.ToLowerInvariant()));

        platform["hostKind"]!.GetValue<string>().Should().Be("enterprise");
        platform["hostCreditCode"]!.GetValue<string>().Should().Be(host, "credit codes are stored upper-case");
        platform["hostName"]!.GetValue<string>().Should().Be("天津市静海新材料科技有限公司");
        var accredited = (await factory.OutboxAsync("PlatformAccredited", platform["id"]!.GetValue<string>())).Should().ContainSingle().Subject;
        accredited["hostCreditCode"]!.GetValue<string>().Should().Be(host);
        accredited["type"]!.GetValue<string>().Should().Be("EnterpriseTechCenter");
        accredited["level"]!.GetValue<string>().Should().Be("municipal");
        accredited["regionCode"]!.GetValue<string>().Should().Be("120118");
        accredited["abroad"]!.GetValue<bool>().Should().BeFalse();
        accredited["status"]!.GetValue<string>().Should().Be("active");
        var hosted = await (await client.GetAsync($"/api/v1/platforms?count=true&hostCreditCode={host}")).JsonAsync(HttpStatusCode.OK);
        hosted["totalCount"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task A_platform_abroad_keeps_its_country_and_its_Tianjin_region()
    {
        var platform = await client.AccreditAsync(Api.Platform("NewRndInstitution", "municipal", "120116", "12Z01")
            .With("locationAbroad", new { country = "de", city = "München" }));

        platform["locationAbroad"]!["country"]!.GetValue<string>().Should().Be("DE");
        platform["locationAbroad"]!["city"]!.GetValue<string>().Should().Be("München");
        platform["zoneCode"]!.GetValue<string>().Should().Be("12Z01");
        var abroad = await (await client.GetAsync("/api/v1/platforms?abroad=true&regionCode=12Z01")).JsonAsync(HttpStatusCode.OK);
        abroad["items"].Strings("id").Should().Contain(platform["id"]!.GetValue<string>());
        (await factory.OutboxAsync("PlatformAccredited", platform["id"]!.GetValue<string>())).Single()["abroad"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task More_designations_than_a_platform_may_hold_is_a_422_naming_designations_once()
    {
        var designations = Enumerable.Range(0, Platforms.Api.Platforms.PlatformFields.MaxDesignations + 1).Select(i => $"designation{i}").ToArray();

        var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform("MakerSpace").With("designations", designations)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("designations").Should().ContainSingle().Which.Should().Contain($"at most {Platforms.Api.Platforms.PlatformFields.MaxDesignations} items");
    }

    [Theory]
    [InlineData("CN", "not abroad")]
    [InlineData("Germany", "alpha-2")]
    [InlineData("D1", "alpha-2")]
    [InlineData("", "must not be empty")]
    public async Task A_location_abroad_that_is_not_a_foreign_country_code_is_422(string country, string message)
    {
        var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform().With("locationAbroad", new { country })))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("locationAbroad.country").Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public async Task A_maker_space_may_be_designated_specialized_and_is_found_by_it()
    {
        var specialized = await client.AccreditAsync(Api.Platform("MakerSpace", "municipal", "120116").With("designations", new[] { "specialized" }));
        await client.AccreditAsync(Api.Platform("MakerSpace", "municipal", "120116"));

        specialized["designations"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("specialized");
        var found = await (await client.GetAsync("/api/v1/platforms?type=MakerSpace&designation=specialized&pageSize=500")).JsonAsync(HttpStatusCode.OK);
        found["items"]!.AsArray().Should().OnlyContain(p => p!["designations"]!.AsArray().Count == 1);
        found["items"].Strings("id").Should().Contain(specialized["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_enterprise_key_lab_is_accredited_with_its_enterprise_host_and_publishes_both()
    {
        var host = factory.Enterprise("天津协和博精医学诊断技术有限公司");

        var lab = await client.AccreditAsync(Api.Platform("KeyLab", "municipal").HostedBy(host).With("designations", new[] { "enterprise" }));

        lab["designations"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("enterprise");
        var accredited = (await factory.OutboxAsync("PlatformAccredited", lab["id"]!.GetValue<string>())).Should().ContainSingle().Subject;
        accredited["designations"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("enterprise");
        accredited["hostCreditCode"]!.GetValue<string>().Should().Be(host);
    }

    [Theory]
    [InlineData("university")]
    [InlineData("institute")]
    [InlineData("hospital")]
    public async Task An_enterprise_key_lab_with_a_named_host_is_422_naming_the_designation(string hostKind)
    {
        var problem = await (await client.PostJsonAsync("/api/v1/platforms",
                Api.Platform("KeyLab", "municipal").With("hostKind", hostKind).With("designations", new[] { "enterprise" })))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("designations").Should().ContainSingle().Which.Should().Contain("hostCreditCode");
    }

    [Fact]
    public async Task A_patch_giving_an_enterprise_key_lab_a_university_host_is_422_and_changes_nothing()
    {
        var host = factory.Enterprise("天津尚药堂大健康集团有限公司");
        var id = (await client.AccreditAsync(Api.Platform("KeyLab", "municipal").HostedBy(host).With("designations", new[] { "enterprise" })))["id"]!
            .GetValue<string>();

        var problem = await (await client.PatchAsync($"/api/v1/platforms/{id}",
                new { hostCreditCode = (string?)null, hostName = "天津大学", hostKind = "university" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("designations").Should().ContainSingle();
        var stored = await client.GetAsync($"/api/v1/platforms/{id}");
        (await stored.JsonAsync(HttpStatusCode.OK))["hostCreditCode"]!.GetValue<string>().Should().Be(host);
        stored.ETag().Should().Be("\"1\"");
        (await factory.OutboxAsync("PlatformUpdated", id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_designation_the_type_does_not_have_is_422()
    {
        var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform("Incubator").With("designations", new[] { "specialized" })))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("designations").Should().ContainSingle().Which.Should().Contain("Incubator has no designations");
    }

    [Theory]
    [InlineData("HaiheLab", "national", "municipal")]
    [InlineData("UniversitySciencePark", "district", "national or municipal")]
    [InlineData("IndustryTechInstitute", "district", "municipal")]
    public async Task A_level_the_type_does_not_have_is_422_naming_the_type_s_levels(string type, string level, string levels)
    {
        var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform(type, level)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("level").Should().ContainSingle().Which.Should().Contain($"at {levels} level");
    }

    [Fact]
    public async Task An_unknown_type_is_422_listing_the_types()
    {
        var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform("SpaceStation")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("type").Should().ContainSingle().Which.Should().Contain("UniversitySciencePark").And.Contain("StarInnovationStation");
    }

    [Fact]
    public async Task An_approval_date_in_the_future_is_422()
    {
        var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform(approvedOn: "2026-11-23")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("approvedOn").Should().ContainSingle().Which.Should().Contain("future");
    }

    [Fact]
    public async Task A_host_credit_code_that_is_malformed_is_422_naming_the_failed_check()
    {
        var wrong = CreditCodes.WithWrongCheck(CreditCodes.New());

        var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform().HostedBy(wrong)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("hostCreditCode").Should().ContainSingle().Which.Should().Contain("check character");
    }

    [Fact]
    public async Task A_host_credit_code_unknown_to_the_register_is_422_naming_it()
    {
        var unknown = CreditCodes.New();

        var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform().HostedBy(unknown)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("hostCreditCode").Should().ContainSingle().Which.Should().Contain(unknown).And.Contain("not on the enterprise register");
    }

    public static TheoryData<string, Dictionary<string, object?>, string> BadHosts => new()
    {
        { "no host", Api.Platform().With("hostName", null).With("hostKind", null), "hostCreditCode" },
        { "a code and a name", Api.Platform().With("hostCreditCode", CreditCodes.New()), "hostName" },
        { "a name without its kind", Api.Platform().With("hostKind", null), "hostKind" },
        { "a name of kind enterprise", Api.Platform().With("hostKind", "enterprise"), "hostKind" },
        { "a code of kind university", Api.Platform().HostedBy(CreditCodes.New()).With("hostKind", "university"), "hostKind" },
    };

    [Theory]
    [MemberData(nameof(BadHosts))]
    public async Task A_host_given_wrongly_is_422_on_the_field_at_fault(string what, Dictionary<string, object?> body, string field)
    {
        var problem = await (await client.PostJsonAsync("/api/v1/platforms", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor(field).Should().NotBeEmpty(what);
    }

    [Theory]
    [InlineData("120000", "not a district")]
    [InlineData("12Z01", "not a district")]
    [InlineData("999999", "does not exist")]
    public async Task A_region_that_is_not_a_district_is_422(string region, string message)
    {
        var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform(regionCode: region)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("regionCode").Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public async Task Accrediting_as_suspended_is_422_and_a_second_platform_of_one_type_and_name_409()
    {
        var name = Api.UniqueName();
        (await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform(name: name).With("status", "suspended")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("status").Should().NotBeEmpty();
        await client.AccreditAsync(Api.Platform(name: name));

        await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform(name: name, level: "municipal")))
            .ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");
        await client.AccreditAsync(Api.Platform("MakerSpace", name: name));
    }

    [Fact]
    public async Task An_unknown_platform_is_404_and_an_id_that_is_not_one_is_not_routed()
    {
        await (await client.GetAsync($"/api/v1/platforms/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        (await client.GetAsync("/api/v1/platforms/12345")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patching_changes_the_details_under_if_match_and_publishes_PlatformUpdated_once()
    {
        var id = await client.AccreditIdAsync(Api.Platform("Incubator", "municipal"));

        var missing = await client.PatchAsync($"/api/v1/platforms/{id}", new { level = "national" }, null);
        var stale = await client.PatchAsync($"/api/v1/platforms/{id}", new { level = "national" }, "\"7\"");
        var patched = await client.PatchAsync($"/api/v1/platforms/{id}", new { level = "national", field = "生物医药" }, "\"1\"");
        var same = await client.PatchAsync($"/api/v1/platforms/{id}", new { level = "national" }, "\"2\"");

        await missing.ProblemAsync(HttpStatusCode.PreconditionRequired, "preconditionRequired");
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
        var body = await patched.JsonAsync(HttpStatusCode.OK);
        body["level"]!.GetValue<string>().Should().Be("national");
        body["field"]!.GetValue<string>().Should().Be("生物医药");
        patched.ETag().Should().Be("\"2\"");
        (await same.JsonAsync(HttpStatusCode.OK)).Should().NotBeNull();
        same.ETag().Should().Be("\"2\"", "a patch that changes nothing keeps the version");
        (await factory.OutboxAsync("PlatformUpdated", id)).Should().ContainSingle().Which["level"]!.GetValue<string>().Should().Be("national");
    }

    [Theory]
    [InlineData("type", "\"MakerSpace\"")]
    [InlineData("status", "\"revoked\"")]
    [InlineData("id", "\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("activeTenants", "5")]
    public async Task A_patch_of_a_field_set_elsewhere_is_422(string field, string value)
    {
        var id = await client.AccreditIdAsync();

        var problem = await (await client.SendAsync(TestSupport.HostileInputs.Raw(HttpMethod.Patch, $"/api/v1/platforms/{id}",
            $"{{\"{field}\":{value}}}", "application/merge-patch+json", "\"1\""))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor(field).Should().ContainSingle();
    }

    [Fact]
    public async Task A_patch_to_a_level_the_type_lacks_is_422_and_changes_nothing()
    {
        var id = await client.AccreditIdAsync(Api.Platform("HaiheLab", "municipal"));

        await (await client.PatchAsync($"/api/v1/platforms/{id}", new { level = "district" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        var stored = await client.GetAsync($"/api/v1/platforms/{id}");
        (await stored.JsonAsync(HttpStatusCode.OK))["level"]!.GetValue<string>().Should().Be("municipal");
        stored.ETag().Should().Be("\"1\"");
    }

    [Fact]
    public async Task A_caller_confined_to_a_district_writes_only_there()
    {
        var jinghai = factory.ClientWith(PlatformsApiFactory.Issuer.Token("platforms.read platforms.write", region: "120118"));
        var inDongli = await client.AccreditIdAsync(Api.Platform(regionCode: "120110"));

        await jinghai.AccreditAsync(Api.Platform(regionCode: "120118"));
        await (await jinghai.PostJsonAsync("/api/v1/platforms", Api.Platform(regionCode: "120110"))).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await jinghai.PatchAsync($"/api/v1/platforms/{inDongli}", new { field = "x" }, "\"1\"")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await jinghai.ChangeStatusAsync(inDongli, "suspended")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await jinghai.GetAsync($"/api/v1/platforms/{inDongli}")).StatusCode.Should().Be(HttpStatusCode.OK, "reading is not confined");
    }

    [Fact]
    public async Task Reading_needs_platforms_read_and_writing_platforms_write()
    {
        var reader = factory.ClientWith(PlatformsApiFactory.Issuer.Token("platforms.read"));
        var stranger = factory.ClientWith(PlatformsApiFactory.Issuer.Token("enterprises.read"));
        var anonymous = factory.ClientWith(null);

        (await reader.GetAsync("/api/v1/platforms")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.PostJsonAsync("/api/v1/platforms", Api.Platform())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await stranger.GetAsync("/api/v1/platforms")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync("/api/v1/platforms")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/platforms/types")).StatusCode.Should().Be(HttpStatusCode.OK, "the type list is public");
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_accredits_once()
    {
        var key = Guid.NewGuid().ToString();
        var body = Api.Platform();

        var first = await (await client.PostJsonAsync("/api/v1/platforms", body, key)).JsonAsync(HttpStatusCode.Created);
        var retry = await (await client.PostJsonAsync("/api/v1/platforms", body, key)).JsonAsync(HttpStatusCode.Created);
        var other = await client.PostJsonAsync("/api/v1/platforms", Api.Platform(), key);

        retry["id"]!.GetValue<string>().Should().Be(first["id"]!.GetValue<string>());
        await other.ProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotencyKeyReused");
    }

    [Fact]
    public async Task The_list_filters_by_type_level_status_and_region_and_sorts()
    {
        var region = "120119";
        var national = await client.AccreditIdAsync(Api.Platform("KeyLab", "national", region, name: Api.UniqueName("A重点实验室")));
        var municipal = await client.AccreditIdAsync(Api.Platform("KeyLab", "municipal", region, name: Api.UniqueName("B重点实验室")));
        await client.AccreditAsync(Api.Platform("Incubator", "national", region));
        (await client.ChangeStatusAsync(municipal, "suspended", reason: "整改")).StatusCode.Should().Be(HttpStatusCode.OK);

        async Task<string[]> Ids(string query) =>
            (await (await client.GetAsync($"/api/v1/platforms?regionCode={region}&{query}")).JsonAsync(HttpStatusCode.OK))["items"].Strings("id");

        (await Ids("type=KeyLab&sort=name")).Should().Equal(national, municipal);
        (await Ids("type=keylab&sort=-name")).Should().Equal(municipal, national);
        (await Ids("type=KeyLab&level=national")).Should().Equal(national);
        (await Ids("status=suspended")).Should().Equal(municipal);
        (await Ids("q=B重点")).Should().Equal(municipal);
        (await Ids("type=Incubator")).Should().HaveCount(1);
    }

    [Theory]
    [InlineData("type=SpaceStation", "type")]
    [InlineData("level=provincial", "level")]
    [InlineData("status=closed", "status")]
    [InlineData("regionCode=999999", "regionCode")]
    [InlineData("zoneCode=120118", "zoneCode")]
    [InlineData("hostCreditCode=91120118MA05XXXX1X", "hostCreditCode")]
    [InlineData("format=xlsx", "format")]
    [InlineData("sort=colour", "sort")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("abroad=maybe", "abroad")]
    public async Task A_bad_list_parameter_is_a_400_naming_it(string query, string parameter)
    {
        var problem = await (await client.GetAsync($"/api/v1/platforms?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(parameter).Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_type_list_gives_each_type_its_levels_grading_and_tenants()
    {
        var types = (await (await factory.ClientWith(null).GetAsync("/api/v1/platforms/types")).JsonAsync(HttpStatusCode.OK)).AsArray();

        JsonNode Type(string key) => types.Single(t => t!["key"]!.GetValue<string>() == key)!;
        Type("Incubator")["grades"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Equal("A", "B", "C", "D");
        Type("Incubator")["takesTenants"]!.GetValue<bool>().Should().BeTrue();
        Type("KeyLab")["grades"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Equal("excellent", "good", "pass", "fail");
        Type("KeyLab")["designations"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Equal("enterprise");
        Type("EnterpriseTechCenter")["grading"]!.GetValue<string>().Should().Be("score");
        Type("HaiheLab")["levels"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Equal("municipal");
        Type("StarInnovationStation")["name"]!.GetValue<string>().Should().Be("星创天地");
        types.Select(t => t!["key"]!.GetValue<string>()).Should().Contain(["AgriculturalSciencePark", "ConceptVerificationCenter", "PilotBase",
            "AcademicianWorkstation", "Alliance", "TechInnovationCenter", "NewRndInstitution", "EngineeringCenter"]);
    }
}
