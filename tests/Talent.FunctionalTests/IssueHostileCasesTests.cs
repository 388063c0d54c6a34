using System.Net;
using System.Text.Json.Nodes;

namespace Talent.FunctionalTests;

/// <summary>
/// Each bad input the issue lists, answered with a clear 4xx problem that names the field and never
/// repeats the identity number it was sent.
/// </summary>
public class IssueHostileCasesTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private readonly HttpClient clerk = factory.CreateClient();

    private async Task<JsonNode> RefusedAsync(string idNumber, string field = "idNumber")
    {
        var response = await clerk.PostJsonAsync("/api/v1/talents", Api.Person(Suite.Remember(idNumber)));
        var text = await response.Content.ReadAsStringAsync();
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        text.Should().NotContain(idNumber).And.NotContain(idNumber[..14], "a message never repeats the number or its date of birth");
        problem.ErrorsFor(field).Should().ContainSingle();
        return problem;
    }

    [Fact]
    public async Task An_identity_number_with_a_wrong_check_digit_is_a_422()
    {
        var problem = await RefusedAsync(IdentityNumbers.WithWrongCheck(IdentityNumbers.New()));

        problem.ErrorsFor("idNumber")[0].Should().Contain("check character");
    }

    [Theory]
    [InlineData("19900230", "not a date")]
    [InlineData("20990101", "in the future")]
    [InlineData("18991231", "before 1900")]
    [InlineData("19901301", "not a date")]
    public async Task An_identity_number_with_an_impossible_birth_date_is_a_422(string birth, string words)
    {
        var problem = await RefusedAsync(IdentityNumbers.WithCheck("120104" + birth));

        problem.ErrorsFor("idNumber")[0].Should().Contain(words);
    }

    [Fact]
    public async Task A_birth_date_of_tomorrow_in_Beijing_is_in_the_future()
    {
        var tomorrow = DateOnly.FromDateTime(factory.Clock.GetUtcNow().AddHours(8).Date).AddDays(1);

        var problem = await RefusedAsync(IdentityNumbers.WithCheck("120104" + tomorrow.ToString("yyyyMMdd")));

        problem.ErrorsFor("idNumber")[0].Should().Contain("in the future");
    }

    [Theory]
    [InlineData("990101", "province")]
    [InlineData("000000", "province")]
    [InlineData("129999", "Tianjin")]
    [InlineData("120120", "Tianjin")]
    public async Task An_identity_number_with_an_unknown_region_prefix_is_a_422(string division, string words)
    {
        var problem = await RefusedAsync(IdentityNumbers.New(division));

        problem.ErrorsFor("idNumber")[0].Should().Contain(words);
    }

    [Theory]
    [InlineData("120223")]
    [InlineData("110105")]
    [InlineData("810000")]
    public async Task Former_Tianjin_counties_other_provinces_and_residence_permits_are_known_prefixes(string division)
    {
        await clerk.RegisterAsync(Api.Person(Suite.IdNumber(division)));
    }

    [Fact]
    public async Task The_same_person_registered_twice_is_a_409_found_through_the_keyed_hash()
    {
        var idNumber = Suite.IdNumber();
        await clerk.RegisterAsync(Api.Person(idNumber));
        var lines = Suite.Logs.Lines.Count;

        var response = await clerk.PostJsonAsync("/api/v1/talents", Api.Person(idNumber, name: "另一个名字"));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");
        problem.ToJsonString().Should().NotContain(idNumber[..10]);
        Suite.Logs.Lines.Skip(lines).Should().Contain(l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal)
            && l.Contains("\"IdNumberHash\" = @", StringComparison.Ordinal), "the duplicate is found by the hash column, not by decrypting rows");
    }

    [Fact]
    public async Task An_unknown_programme_is_a_422()
    {
        var id = await clerk.RegisterIdAsync();

        var problem = await (await clerk.PostJsonAsync($"/api/v1/talents/{id}/recognitions", new { programme = "ThousandTalentsOfMars", year = 2024 }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("programme").Should().ContainSingle().Which.Should().Contain("talent-programmes");
    }

    [Theory]
    [InlineData("HaiheTalent", 2017, "began in 2018")]
    [InlineData("YoungScientists", 2020, "began in 2021")]
    [InlineData("YoungScientists", 2027, "has not begun")]
    public async Task A_recognition_year_before_the_programme_existed_or_in_the_future_is_a_422(string programme, int year, string words)
    {
        var id = await clerk.RegisterIdAsync();

        var problem = await (await clerk.PostJsonAsync($"/api/v1/talents/{id}/recognitions", new { programme, year, tier = "领军人才" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("year").Should().ContainSingle().Which.Should().Contain(words);
    }

    [Fact]
    public async Task A_team_member_in_another_active_team_of_the_same_programme_is_a_409()
    {
        var (a, b, c, d) = (await clerk.RegisterIdAsync(), await clerk.RegisterIdAsync(), await clerk.RegisterIdAsync(), await clerk.RegisterIdAsync());
        var host = await factory.KnownEnterpriseAsync();
        await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(a, [b], host))).JsonAsync(HttpStatusCode.Created);

        var problem = await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(c, [d, b], host))).ProblemAsync(HttpStatusCode.Conflict, "memberInAnotherTeam");

        problem["detail"]!.GetValue<string>().Should().Contain(b.ToString());
    }

    [Fact]
    public async Task A_commissioner_period_that_ends_before_it_starts_is_a_422()
    {
        var id = await clerk.RegisterIdAsync();
        var enterprise = await factory.KnownEnterpriseAsync();

        var problem = await (await clerk.PostJsonAsync("/api/v1/commissioners",
                Commissioners.Body(id, enterprise, startsOn: "2026-03-01", endsOn: "2026-02-28")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("endsOn").Should().ContainSingle().Which.Should().Contain("ends before it starts");
    }

    [Fact]
    public async Task A_commissioner_period_overlapping_another_of_the_same_person_at_the_same_enterprise_is_a_409()
    {
        var id = await clerk.RegisterIdAsync();
        var enterprise = await factory.KnownEnterpriseAsync();
        await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, enterprise, "2025-01-01", "2025-12-31")))
            .JsonAsync(HttpStatusCode.Created);

        await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, enterprise, "2025-12-31", "2026-06-30")))
            .ProblemAsync(HttpStatusCode.Conflict, "assignmentOverlaps");
    }

    [Theory]
    [InlineData("idNumber")]
    [InlineData("phone")]
    [InlineData("IDNUMBER")]
    public async Task A_personal_data_field_in_a_filter_without_talent_pii_is_a_403(string field)
    {
        var value = IdentityNumbers.New();

        var response = await clerk.GetAsync($"/api/v1/talents?{field}={value}");

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        problem["detail"]!.GetValue<string>().Should().Contain("talent.pii").And.NotContain(value);
    }

    [Fact]
    public async Task A_look_up_by_identity_number_without_talent_pii_is_a_403()
    {
        await (await clerk.PostJsonAsync("/api/v1/talents/lookup", new { idNumber = IdentityNumbers.New() }))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_personal_data_field_in_a_URL_is_a_400_even_with_talent_pii_and_its_value_is_not_repeated()
    {
        var value = IdentityNumbers.New();

        var response = await factory.Officers().GetAsync($"/api/v1/talents?idNumber={value}");

        var text = await response.Content.ReadAsStringAsync();
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        problem.ErrorsFor("idNumber").Should().ContainSingle().Which.Should().Contain("POST /api/v1/talents/lookup");
        text.Should().NotContain(value);
        Suite.Logs.Lines.Should().NotContain(l => l.Contains(value, StringComparison.Ordinal),
            "the service never logs request lines, which carry whatever a caller put in a URL");
    }
}

/// <summary>Team bodies.</summary>
public static class Teams
{
    public static object Body(Guid leader, Guid[] members, string host, string programme = "ProjectTeam", string formedOn = "2025-06-01") => new
    {
        name = "新材料“项目+团队”", programme, leaderId = leader, memberIds = members, hostCreditCode = host, field = "新材料", regionCode = "120118",
        formedOn,
    };
}

/// <summary>Commissioner bodies.</summary>
public static class Commissioners
{
    public static object Body(Guid talentId, string enterprise, string startsOn = "2026-01-01", string endsOn = "2026-12-31") => new
    {
        talentId, servedKind = "enterprise", servedCreditCode = enterprise, field = "设施农业", goals = "推广节水灌溉技术", startsOn, endsOn,
    };
}
