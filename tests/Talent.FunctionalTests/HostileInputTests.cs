using System.Net;

namespace Talent.FunctionalTests;

/// <summary>Requests an attacker or a broken client sends to the talent register: each a 4xx problem, never a 5xx.</summary>
public class HostileInputTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private readonly HttpClient clerk = factory.CreateClient();

    public static TheoryData<string> UnreadableTokens => [.. HostileInputs.UnreadableTokenKinds];

    [Theory]
    [MemberData(nameof(UnreadableTokens))]
    public async Task An_unreadable_token_is_a_401_on_the_public_statistics_and_on_the_register(string kind)
    {
        var token = HostileInputs.UnreadableToken(kind, TalentApiFactory.Issuer.Authority);

        await (await clerk.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/talents/statistics").WithBearer(token)))
            .InvalidTokenAsync($"a {kind} token on the statistics");
        await (await clerk.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/talents").WithBearer(token)))
            .InvalidTokenAsync($"a {kind} token on the register");
    }

    [Fact]
    public async Task No_token_is_a_401_and_a_token_without_the_scope_a_403()
    {
        var anonymous = factory.ClientWith(null);
        var enterprisesOnly = factory.As("enterprises.read enterprises.write");

        await (await anonymous.GetAsync("/api/v1/talents")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await enterprisesOnly.GetAsync("/api/v1/talents")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await factory.As("talent.read").PostJsonAsync("/api/v1/talents", Api.Person())).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("/api/v1/talents", "id", 1700)]
    [InlineData("/api/v1/teams", "id", 1700)]
    [InlineData("/api/v1/commissioners", "id", 1700)]
    [InlineData("/api/v1/talents/recognitions", "id", 1700)]
    public async Task A_sort_of_hundreds_of_terms_is_a_400_and_the_service_keeps_answering(string list, string field, int terms)
    {
        (await (await clerk.GetAsync($"{list}?sort={HostileInputs.RepeatedSort(field, terms)}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter"))
            .ErrorsFor("sort").Should().ContainSingle();
        (await clerk.GetAsync(list)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string, string> UnreadableBodies => new()
    {
        { "a member twice", """{"documentType":"passport","documentType":"residentIdentityCard"}""" },
        { "a member twice in two cases", """{"phone":"13800000000","PHONE":"13900000000"}""" },
        { "an escaped lone surrogate", """{"name":"\udbff"}""" },
        { "a NUL", """{"name":"\u0000"}""" },
        { "an unknown field", """{"salary":1}""" },
        { "a number for a string", """{"idNumber":120104198807156217}""" },
        { "an unknown document type", """{"documentType":"drivingLicence"}""" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task A_body_that_cannot_be_read_is_a_400(string kind, string body)
    {
        var response = await clerk.PostRawAsync("/api/v1/talents", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        problem.ToJsonString().Should().NotContain("System.", kind).And.NotContain("120104198807156217");
    }

    [Fact]
    public async Task A_merge_patch_that_cannot_be_read_leaves_the_person_unchanged()
    {
        var id = (await clerk.RegisterAsync())["id"]!.GetValue<Guid>();

        await (await clerk.SendAsync(HostileInputs.Raw(HttpMethod.Patch, $"/api/v1/talents/{id}", """{"title":"甲","title":"乙"}""",
            "application/merge-patch+json", "\"1\""))).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");

        (await clerk.GetAsync($"/api/v1/talents/{id}")).ETag().Should().Be("\"1\"");
    }

    [Fact]
    public async Task A_malformed_id_in_a_path_is_a_404_not_a_500()
    {
        await (await clerk.GetAsync("/api/v1/talents/not-a-guid")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await clerk.GetAsync("/api/v1/teams/12345")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Every_GET_endpoint_answers_HEAD_with_the_GET_status_and_no_body()
    {
        var id = (await clerk.RegisterAsync())["id"]!.GetValue<Guid>();
        var urls = EveryGet.Urls(factory.Services, name => name switch
        {
            "code" => "HaiheTalent",
            "year" => "2025",
            "id" or "talentId" => id.ToString(),
            _ => Guid.NewGuid().ToString(),
        });

        urls.Should().Contain($"/api/v1/talents/{id}");
        var officer = factory.Officers();
        foreach (var url in urls)
        {
            await officer.HeadAnswersAsGetAsync(url);
        }
    }
}
