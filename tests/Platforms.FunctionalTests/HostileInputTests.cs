using System.Net;

namespace Platforms.FunctionalTests;

/// <summary>
/// Requests an attacker or a broken client sends to the platform register: each is a 4xx problem,
/// never a 5xx, and loses nothing already stored.
/// </summary>
public class HostileInputTests(PlatformsApiFactory factory) : IClassFixture<PlatformsApiFactory>
{
    private readonly HttpClient admin = factory.CreateClient();

    [Theory]
    [InlineData("/api/v1/platforms", "platforms.read", "id", 1700)]
    [InlineData("/api/v1/platforms/revocation-proposals", "platforms.read", "id", 1700)]
    [InlineData("/api/v1/audit/platforms", "admin", "id", 1700)]
    public async Task A_sort_of_hundreds_of_terms_is_a_400_and_the_service_keeps_answering(string list, string scope, string field, int terms)
    {
        var client = factory.ClientWith(PlatformsApiFactory.Issuer.Token(scope));

        var problem = await (await client.GetAsync($"{list}?sort={HostileInputs.RepeatedSort(field, terms)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor("sort").Should().ContainSingle();
        (await client.GetAsync(list)).StatusCode.Should().Be(HttpStatusCode.OK, "the process survived");
    }

    public static TheoryData<string> UnreadableTokens => [.. HostileInputs.UnreadableTokenKinds];

    [Theory]
    [MemberData(nameof(UnreadableTokens))]
    public async Task An_unreadable_token_is_a_401_invalid_token_on_public_statistics_and_on_the_register(string kind)
    {
        var token = HostileInputs.UnreadableToken(kind, PlatformsApiFactory.Issuer.Authority);

        await (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/platforms/statistics").WithBearer(token)))
            .InvalidTokenAsync($"a {kind} token on the public statistics");
        await (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/platforms").WithBearer(token)))
            .InvalidTokenAsync($"a {kind} token on the register");
    }

    public static TheoryData<string, string> UnreadablePatches => new()
    {
        { "a member twice", """{"name":"甲","name":"乙"}""" },
        { "a member twice in two cases", """{"field":"a","FIELD":"b"}""" },
        { "an escaped lone surrogate", """{"name":"\udbff"}""" },
        { "a NUL", """{"field":"\u0000"}""" },
        { "a number no field can hold", """{"approvedOn":1e400}""" },
        { "an unknown level", """{"level":"provincial"}""" },
        { "an unknown member", """{"colour":"red"}""" },
        { "designations that are not a list", """{"designations":"specialized"}""" },
    };

    [Theory]
    [MemberData(nameof(UnreadablePatches))]
    public async Task A_merge_patch_that_cannot_be_read_is_a_400_and_the_platform_is_unchanged(string kind, string patch)
    {
        var platform = await admin.AccreditAsync();
        var id = platform["id"]!.GetValue<string>();

        var problem = await (await admin.SendAsync(HostileInputs.Raw(HttpMethod.Patch, $"/api/v1/platforms/{id}", patch,
            "application/merge-patch+json", "\"1\""))).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");

        problem.ToJsonString().Should().NotContain("System.", kind);
        var stored = await admin.GetAsync($"/api/v1/platforms/{id}");
        (await stored.JsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>().Should().Be(platform["name"]!.GetValue<string>());
        stored.ETag().Should().Be("\"1\"");
    }

    [Fact]
    public async Task Accrediting_with_a_type_named_twice_is_a_400_and_accredits_neither()
    {
        var name = Api.UniqueName();
        var body = $$"""{"name":"{{name}}","type":"Incubator","Type":"KeyLab","level":"national","regionCode":"120118","hostName":"天津大学","hostKind":"university","approvedOn":"2024-01-01"}""";

        await (await admin.SendAsync(HostileInputs.Raw(HttpMethod.Post, "/api/v1/platforms", body, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");

        (await (await admin.GetAsync($"/api/v1/platforms?count=true&q={Uri.EscapeDataString(name)}")).JsonAsync(HttpStatusCode.OK))["totalCount"]!
            .GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Bodies_that_are_not_json_objects_or_are_missing_are_400()
    {
        var id = await admin.AccreditIdAsync();

        await (await admin.PostRawAsync("/api/v1/platforms", "[]")).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        await (await admin.PostRawAsync($"/api/v1/platforms/{id}/evaluations", "{\"year\":\"2025\",\"grade\":\"A\"}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        await (await admin.PostRawAsync($"/api/v1/platforms/{id}/evaluations", "{\"year\":2025,\"score\":\"ninety\"}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        await (await admin.PostAsync($"/api/v1/platforms/{id}/status", null)).ProblemAsync(HttpStatusCode.BadRequest, "bodyRequired");
        await (await admin.PostRawAsync("/api/v1/platforms", HostileInputs.Nested(5000))).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
    }

    [Fact]
    public async Task A_query_value_over_the_limit_is_a_400()
    {
        await (await admin.GetAsync($"/api/v1/platforms?q={new string('x', 300)}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    public async Task Errors_of_the_csv_export_are_problem_json_whatever_accept_says(string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/platforms?format=csv&page=abc");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var unknownFormat = new HttpRequestMessage(HttpMethod.Get, "/api/v1/platforms?format=xlsx");
        unknownFormat.Headers.TryAddWithoutValidation("Accept", accept);
        var missing = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/platforms/{Guid.NewGuid()}");
        missing.Headers.TryAddWithoutValidation("Accept", accept);

        await (await admin.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await admin.SendAsync(unknownFormat)).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await admin.SendAsync(missing)).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Every_get_endpoint_answers_head_with_the_get_status_and_no_body()
    {
        var incubator = await admin.AccreditIdAsync(Api.Platform("Incubator", "national", approvedOn: "2020-01-01"));
        var tenant = await (await admin.PostJsonAsync($"/api/v1/platforms/{incubator}/tenants",
            new { team = new { name = "团队", leaderName = "王", members = 2 } })).JsonAsync(HttpStatusCode.Created);
        await (await admin.EvaluateAsync(incubator, 2025, "A")).JsonAsync(HttpStatusCode.Created);
        var values = new Dictionary<string, string> { ["id"] = incubator, ["tenantId"] = tenant["id"]!.ToJsonString(), ["year"] = "2025" };
        var urls = EveryGet.Urls(factory.Services, name => values[name]);
        urls.Should().HaveCountGreaterThan(12);

        foreach (var url in urls)
        {
            await admin.HeadAnswersAsGetAsync(url);
        }
    }
}
