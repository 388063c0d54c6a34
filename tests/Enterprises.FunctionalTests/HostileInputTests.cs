using TestSupport;
using System.Net;

namespace Enterprises.FunctionalTests;

/// <summary>
/// Requests an attacker or a broken client sends to the enterprise register: each is a 4xx problem,
/// never a 5xx, and loses nothing already stored.
/// </summary>
public class HostileInputTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient admin = factory.CreateClient();

    [Theory]
    [InlineData("/api/v1/qualifications", "enterprises.read", "id", 1700)]
    [InlineData("/api/v1/enterprises", "enterprises.read", "creditCode", 700)]
    [InlineData("/api/v1/audit/enterprises", "admin", "id", 1700)]
    public async Task A_sort_of_hundreds_of_terms_within_the_request_line_is_a_400_and_the_service_keeps_answering(string list,
        string scope, string field, int terms)
    {
        var client = factory.ClientWith(EnterprisesApiFactory.Issuer.Token(scope));

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
        var token = HostileInputs.UnreadableToken(kind, EnterprisesApiFactory.Issuer.Authority);

        await (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Get,
                "/api/v1/enterprises/statistics?metric=qualified&type=HighTech&groupBy=region&asOf=2026-12-31").WithBearer(token)))
            .InvalidTokenAsync($"a {kind} token on the public statistics");
        await (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/enterprises").WithBearer(token)))
            .InvalidTokenAsync($"a {kind} token on the register");
    }

    public static TheoryData<string, string> UnreadablePatches => new()
    {
        { "a member twice", """{"name":"甲","name":"乙"}""" },
        { "a member twice in two cases", """{"industry":"a","INDUSTRY":"b"}""" },
        { "an escaped lone surrogate", """{"name":"\udbff"}""" },
        { "a NUL", """{"industry":"\u0000"}""" },
        { "a number no field can hold", """{"foundedOn":1e400}""" },
    };

    [Theory]
    [MemberData(nameof(UnreadablePatches))]
    public async Task A_merge_patch_that_cannot_be_read_is_a_400_and_the_enterprise_is_unchanged(string kind, string patch)
    {
        var code = await admin.CreateEnterpriseAsync();

        var problem = await (await admin.SendAsync(HostileInputs.Raw(HttpMethod.Patch, $"/api/v1/enterprises/{code}", patch,
            "application/merge-patch+json", "\"1\""))).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");

        problem.ToJsonString().Should().NotContain("System.", kind);
        var stored = await admin.GetAsync($"/api/v1/enterprises/{code}");
        (await stored.JsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>().Should().Be("天津市海河智能科技有限公司");
        stored.ETag().Should().Be("\"1\"");
    }

    [Fact]
    public async Task A_merge_patch_with_invalid_utf8_is_a_400_not_a_name_of_replacement_characters()
    {
        var code = await admin.CreateEnterpriseAsync();
        byte[] patch = [.. "{\"name\":\"天津"u8, 0xE5, 0xA4, .. "公司\"}"u8];

        await (await admin.SendAsync(HostileInputs.Raw(HttpMethod.Patch, $"/api/v1/enterprises/{code}", patch,
            "application/merge-patch+json", "\"1\""))).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");

        var stored = await (await admin.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK);
        stored["name"]!.GetValue<string>().Should().Be("天津市海河智能科技有限公司");
    }

    [Fact]
    public async Task Registering_with_a_credit_code_named_twice_is_a_400_and_registers_neither()
    {
        var (first, second) = (CreditCodes.New(), CreditCodes.New());
        var body = $$"""{"creditCode":"{{first}}","CreditCode":"{{second}}","name":"某公司","regionCode":"120116","industry":"新材料","foundedOn":"2015-03-18"}""";

        await (await admin.SendAsync(HostileInputs.Raw(HttpMethod.Post, "/api/v1/enterprises", body, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");

        (await admin.GetAsync($"/api/v1/enterprises/{first}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/enterprises/{second}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    public async Task Errors_of_the_csv_export_are_problem_json_whatever_accept_says(string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/enterprises?format=csv&page=abc");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var unknownFormat = new HttpRequestMessage(HttpMethod.Get, "/api/v1/enterprises?format=xlsx");
        unknownFormat.Headers.TryAddWithoutValidation("Accept", accept);
        var missing = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/enterprises/{CreditCodes.New()}");
        missing.Headers.TryAddWithoutValidation("Accept", accept);

        await (await admin.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await admin.SendAsync(unknownFormat)).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await admin.SendAsync(missing)).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Every_get_endpoint_answers_head_with_the_get_status_and_no_body()
    {
        var code = await admin.CreateEnterpriseAsync();
        var qualification = await admin.GrantAsync(code, "HighTech", "2025-01-10");
        var values = new Dictionary<string, string>
        {
            ["creditCode"] = code, ["id"] = qualification["id"]!.ToJsonString(), ["year"] = "2025",
        };
        var urls = EveryGet.Urls(factory.Services, name => values[name]);
        urls.Should().HaveCountGreaterThan(10);

        foreach (var url in urls)
        {
            await admin.HeadAnswersAsGetAsync(url);
        }
    }
}
