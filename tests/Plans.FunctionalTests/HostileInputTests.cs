using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Plans.FunctionalTests;

/// <summary>
/// Requests an attacker or a broken client sends: each is a 4xx problem, never a 5xx, and loses
/// nothing already stored. Tokens, headers and bodies here; query parameters in
/// <see cref="HostileQueryTests"/>; the HTTP surface (methods, Accept, limits) in <see cref="HttpSurfaceTests"/>.
/// </summary>
public class HostileInputTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient admin = factory.CreateClient();
    private readonly HttpClient anonymous = factory.ClientWith(null);

    public static TheoryData<string> UnreadableTokens => [.. HostileInputs.UnreadableTokenKinds];

    [Theory]
    [MemberData(nameof(UnreadableTokens))]
    public async Task An_unreadable_token_is_a_401_invalid_token_on_public_reads_and_on_writes(string kind)
    {
        var token = HostileInputs.UnreadableToken(kind, PlansApiFactory.Issuer.Authority);
        var code = Api.UniqueCode("TOK");

        var publicRead = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions").WithBearer(token));
        var write = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans")
        {
            Content = JsonContent(Api.Plan(code)),
        }.WithBearer(token));

        await publicRead.InvalidTokenAsync($"a {kind} token on a public read");
        await write.InvalidTokenAsync($"a {kind} token on a write");
        (await admin.GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_expired_tampered_or_foreign_token_is_refused_on_a_public_read_too()
    {
        var valid = PlansApiFactory.Issuer.Token();
        var tokens = new Dictionary<string, string>
        {
            ["expired"] = PlansApiFactory.Issuer.Token(expires: DateTime.UtcNow.AddMinutes(-5)),
            ["tampered"] = valid[..^4] + (valid[^4] == 'A' ? "BBBB" : "AAAA"),
            ["of an issuer not configured"] = PlansApiFactory.SecondIssuer.Token(),
            ["for another audience"] = PlansApiFactory.Issuer.Token(audience: "another-api"),
        };

        foreach (var (kind, token) in tokens)
        {
            await (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions").WithBearer(token)))
                .InvalidTokenAsync($"an {kind} token");
        }

        (await anonymous.GetAsync("/api/v1/regions")).StatusCode.Should().Be(HttpStatusCode.OK, "without a token the public read stays public");
    }

    [Theory]
    [InlineData("Idempotency-Key", "ключ-1")]
    [InlineData("User-Agent", "浏览器/1.0")]
    [InlineData("If-Match", "\"1\u00e9\"")]
    [InlineData("X-Anything", "bell\u0007")]
    public async Task A_header_value_outside_visible_ascii_is_a_400_naming_the_header(string header, string value)
    {
        var code = Api.UniqueCode("HDR");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = JsonContent(Api.Plan(code)) };
        request.Headers.TryAddWithoutValidation(header, value);

        var problem = await (await admin.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest, "invalidHeader");

        problem.ErrorsFor(header.ToLowerInvariant()).Should().ContainSingle();
        (await admin.GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> UnreadablePatches => new()
    {
        { "a member twice", """{"title":"a","title":"b"}""" },
        { "a member twice in two cases", """{"title":"a","Title":"b"}""" },
        { "an escaped lone high surrogate", """{"title":"\ud800"}""" },
        { "an escaped lone low surrogate", """{"title":"x\udc00y"}""" },
        { "a surrogate pair reversed", """{"title":"\udc00\ud800"}""" },
        { "a lone surrogate in a member name", """{"\ud800":"x"}""" },
        { "a NUL", """{"title":"a\u0000b"}""" },
        { "a duplicate inside a nested object", """{"baseline":{"year":2020,"year":2021}}""" },
        { "nesting 10,000 deep", "{\"title\":" + HostileInputs.Nested(10_000) + "}" },
        { "a number too large for any field", """{"periodStart":1e400}""" },
        { "an array instead of an object", "[]" },
        { "a string instead of an object", "\"title\"" },
        { "null instead of an object", "null" },
        { "nothing", "" },
    };

    [Theory]
    [MemberData(nameof(UnreadablePatches))]
    public async Task A_merge_patch_that_cannot_be_read_is_a_400_and_the_plan_is_unchanged(string kind, string patch)
    {
        var code = await admin.CreatePlanAsync();

        var response = await admin.SendAsync(HostileInputs.Raw(HttpMethod.Patch, $"/api/v1/plans/{code}", patch,
            "application/merge-patch+json", "\"1\""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, patch.Length == 0 || patch == "null" ? "bodyRequired" : "invalidJson");
        problem.ToJsonString().Should().NotContain("System.", $"a patch with {kind} is described without .NET type names");
        await PlanUnchangedAsync(code);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public async Task A_merge_patch_with_invalid_utf8_is_a_400_and_nothing_is_stored_as_a_replacement_character(byte[] invalid)
    {
        var code = await admin.CreatePlanAsync();
        byte[] patch = [.. "{\"title\":\"a"u8, .. invalid, .. "b\"}"u8];

        var response = await admin.SendAsync(HostileInputs.Raw(HttpMethod.Patch, $"/api/v1/plans/{code}", patch,
            "application/merge-patch+json", "\"1\""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        problem.ErrorsFor("title").Should().ContainSingle().Which.Should().Contain("Unicode");
        await PlanUnchangedAsync(code);
    }

    private const string PlanRest =
        "\"kind\":\"fiveYearPlan\",\"level\":\"municipal\",\"regionCode\":\"120000\",\"periodStart\":2021,\"periodEnd\":2025,\"baselineYear\":2020";

    [Theory]
    [InlineData("\"code\":\"{code}\",\"code\":\"{code}-2\",\"title\":\"t\"")]
    [InlineData("\"code\":\"{code}\",\"Code\":\"{code}-2\",\"title\":\"t\"")]
    [InlineData("\"code\":\"{code}\",\"title\":\"t\",\"TITLE\":\"u\"")]
    public async Task A_body_naming_a_member_twice_is_a_400_not_its_last_member(string members)
    {
        var code = Api.UniqueCode("DUP");
        var body = "{" + members.Replace("{code}", code, StringComparison.Ordinal) + "," + PlanRest + "}";

        var problem = await (await admin.SendAsync(HostileInputs.Raw(HttpMethod.Post, "/api/v1/plans", body, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");

        problem.ToJsonString().Should().Contain("more than once");
        (await admin.GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/plans/{code}-2")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"year":2021,"value":1e400}""")]
    [InlineData("""{"year":2021,"value":-1e400}""")]
    [InlineData("""{"year":1e400,"value":1}""")]
    [InlineData("""{"year":2021,"value":1e-400}""")]
    [InlineData("""{"year":2021,"value":"\ud800"}""")]
    public async Task An_observation_with_an_impossible_number_is_a_400_and_nothing_is_recorded(string body)
    {
        var code = await admin.CreatePlanAsync();
        await (await admin.PostJsonAsync($"/api/v1/plans/{code}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);

        await (await admin.SendAsync(HostileInputs.Raw(HttpMethod.Post, $"/api/v1/plans/{code}/indicators/I1/observations", body,
            "application/json"))).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");

        var observations = await (await admin.GetAsync($"/api/v1/plans/{code}/indicators/I1/observations?count=true")).JsonAsync(HttpStatusCode.OK);
        observations["totalCount"]!.GetValue<int>().Should().Be(0);
    }

    [Theory]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=gb18030")]
    public async Task A_json_body_in_another_charset_is_a_415_and_nothing_is_created(string contentType)
    {
        var code = Api.UniqueCode("CS");
        var body = System.Text.Json.JsonSerializer.Serialize(Api.Plan(code));

        await (await admin.SendAsync(HostileInputs.Raw(HttpMethod.Post, "/api/v1/plans", body, contentType)))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupportedMediaType");

        (await admin.GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json")]
    public async Task A_json_body_declared_as_utf8_or_without_a_charset_is_taken(string contentType)
    {
        var code = Api.UniqueCode("U8");

        await (await admin.SendAsync(HostileInputs.Raw(HttpMethod.Post, "/api/v1/plans",
            System.Text.Json.JsonSerializer.Serialize(Api.Plan(code)), contentType))).JsonAsync(HttpStatusCode.Created);
    }

    private async Task PlanUnchangedAsync(string code)
    {
        var stored = await admin.GetAsync($"/api/v1/plans/{code}");
        var plan = await stored.JsonAsync(HttpStatusCode.OK);
        stored.ETag().Should().Be("\"1\"", "the refused patch changed nothing");
        plan["title"]!.GetValue<string>().Should().Be("天津市科技创新\"十四五\"规划");
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
