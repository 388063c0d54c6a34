using System.Net;
using System.Text.Json.Nodes;

namespace Talent.FunctionalTests;

public class TalentsApiTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private readonly HttpClient clerk = factory.CreateClient();
    private readonly HttpClient officer = factory.Officers();

    [Fact]
    public async Task A_person_registered_with_a_resident_identity_card_takes_birth_year_and_gender_from_the_number()
    {
        var idNumber = Suite.IdNumber("120118", new DateOnly(1983, 4, 9), male: false);
        var response = await officer.PostJsonAsync("/api/v1/talents", Api.Person(idNumber, regionCode: "120118"));

        var created = await response.JsonAsync(HttpStatusCode.Created);
        created["birthYear"]!.GetValue<int>().Should().Be(1983);
        created["gender"]!.GetValue<string>().Should().Be("female");
        created["nationality"]!.GetValue<string>().Should().Be("CN");
        created["documentType"]!.GetValue<string>().Should().Be("residentIdentityCard");
        created["recognitions"]!.AsArray().Should().BeEmpty();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/talents/{created["id"]}");
        response.ETag().Should().Be("\"1\"");
    }

    [Fact]
    public async Task A_lower_case_x_is_stored_as_the_check_character_X()
    {
        string idNumber;
        do
        {
            idNumber = IdentityNumbers.New();
        }
        while (idNumber[^1] != 'X');

        Suite.Remember(idNumber);
        var created = await officer.RegisterAsync(Api.Person(idNumber[..17] + "x"));

        created["idNumber"]!.GetValue<string>().Should().Be(idNumber);
        await (await officer.PostJsonAsync("/api/v1/talents", Api.Person(idNumber))).ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");
    }

    [Fact]
    public async Task Foreign_talent_registers_with_a_passport_and_nationality()
    {
        var passport = Suite.Passport();

        var created = await officer.RegisterAsync(Api.Person(passport, documentType: "passport", nationality: "de", name: "Anna Schmidt"));

        created["nationality"]!.GetValue<string>().Should().Be("DE");
        created["idNumber"]!.GetValue<string>().Should().Be(passport);
        created["birthYear"].Should().BeNull();
    }

    [Fact]
    public async Task A_merge_patch_changes_the_fields_it_names_under_If_Match_and_moves_the_ETag()
    {
        var id = (await clerk.RegisterAsync())["id"]!.GetValue<Guid>();

        var missing = await clerk.PatchAsync($"/api/v1/talents/{id}", new { title = "研究员" }, ifMatch: null);
        var stale = await clerk.PatchAsync($"/api/v1/talents/{id}", new { title = "研究员" }, "\"7\"");
        var changed = await clerk.PatchAsync($"/api/v1/talents/{id}", new { title = "研究员", field = (string?)null }, "\"1\"");

        await missing.ProblemAsync(HttpStatusCode.PreconditionRequired, "preconditionRequired");
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
        var body = await changed.JsonAsync(HttpStatusCode.OK);
        body["title"]!.GetValue<string>().Should().Be("研究员");
        body["field"].Should().BeNull();
        body["education"]!.GetValue<string>().Should().Be("doctorate", "a field the patch does not name stays");
        changed.ETag().Should().Be("\"2\"");
    }

    [Theory]
    [InlineData("idNumber")]
    [InlineData("documentType")]
    [InlineData("nationality")]
    public async Task The_identity_document_cannot_be_patched(string field)
    {
        var id = (await clerk.RegisterAsync())["id"]!.GetValue<Guid>();

        var problem = await (await clerk.PatchAsync($"/api/v1/talents/{id}", new Dictionary<string, string> { [field] = "US" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor(field).Should().ContainSingle();
    }

    [Fact]
    public async Task A_birth_year_or_gender_that_contradicts_the_number_is_refused()
    {
        var idNumber = Suite.IdNumber(born: new DateOnly(1990, 1, 2), male: true);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Api.Person(idNumber)))!.AsObject();
        body["birthYear"] = 1991;
        body["gender"] = "female";

        var problem = await (await clerk.PostJsonAsync("/api/v1/talents", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("birthYear").Should().ContainSingle().Which.Should().Contain("does not match");
        problem.ErrorsFor("gender").Should().ContainSingle();
    }

    [Fact]
    public async Task A_phone_longer_than_the_document_allows_is_refused_in_the_rule_s_words_once()
    {
        var phone = "+86 138 0013 8000" + new string(' ', 14) + "0";

        var problem = await (await clerk.PostJsonAsync("/api/v1/talents", Api.Person(phone: phone)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("phone").Should().ContainSingle().Which.Should().Be(Talent.Api.Domain.PhoneNumber.Rule);
    }

    [Fact]
    public async Task A_phone_typed_with_a_separator_between_every_two_digits_is_accepted_at_the_documented_length()
    {
        var phone = "+8-6-1-3-8-0-0-1-3-8-0-0-0-1-2";
        phone.Length.Should().Be(Talent.Api.Domain.PhoneNumber.MaxLength);

        var person = await clerk.RegisterAsync(Api.Person(phone: phone));

        person["id"].Should().NotBeNull();
    }

    [Fact]
    public async Task An_identity_number_longer_than_the_document_allows_is_refused_once_without_repeating_it()
    {
        var idNumber = Suite.IdNumber() + "123";

        var response = await clerk.PostJsonAsync("/api/v1/talents", Api.Person(idNumber));

        var text = await response.Content.ReadAsStringAsync();
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        problem.ErrorsFor("idNumber").Should().ContainSingle().Which.Should().Contain("20 characters");
        text.Should().NotContain(idNumber);
    }

    [Fact]
    public async Task A_look_up_by_an_identity_number_longer_than_the_document_allows_is_a_400_naming_idNumber()
    {
        var problem = await (await factory.Officers().PostJsonAsync("/api/v1/talents/lookup", new { idNumber = new string('1', 21) }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor("idNumber").Should().ContainSingle();
    }

    [Fact]
    public async Task A_client_confined_to_a_district_registers_and_changes_people_there_only()
    {
        var dongli = factory.As(TalentApiFactory.Clerk, region: "120110");
        var elsewhere = (await clerk.RegisterAsync(Api.Person(regionCode: "120118")))["id"]!.GetValue<Guid>();

        await (await dongli.PostJsonAsync("/api/v1/talents", Api.Person(regionCode: "120118"))).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await dongli.PatchAsync($"/api/v1/talents/{elsewhere}", new { title = "x" }, "\"1\"")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var own = await dongli.RegisterAsync(Api.Person(regionCode: "120110"));
        await (await dongli.PatchAsync($"/api/v1/talents/{own["id"]}", new { regionCode = "120118" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_list_filters_by_region_nationality_and_name()
    {
        var marker = "测试" + Guid.NewGuid().ToString("N")[..6];
        await clerk.RegisterAsync(Api.Person(regionCode: "120115", name: marker + "甲"));
        await clerk.RegisterAsync(Api.Person(Suite.Passport(), regionCode: "120115", documentType: "passport", nationality: "JP", name: marker + "乙"));
        await clerk.RegisterAsync(Api.Person(regionCode: "120101", name: marker + "丙"));

        var baodi = await (await clerk.GetAsync($"/api/v1/talents?regionCode=120115&q={marker}&count=true")).JsonAsync(HttpStatusCode.OK);
        var japanese = await (await clerk.GetAsync($"/api/v1/talents?nationality=jp&q={marker}")).JsonAsync(HttpStatusCode.OK);
        var all = await (await clerk.GetAsync($"/api/v1/talents?regionCode=120000&q={marker}&sort=-name")).JsonAsync(HttpStatusCode.OK);

        baodi["totalCount"]!.GetValue<int>().Should().Be(2);
        japanese["items"].Strings("name").Should().Equal(marker + "乙");
        all["items"].Strings("name").Should().Equal(marker + "甲", marker + "乙", marker + "丙");
    }

    [Theory]
    [InlineData("regionCode=999999", "regionCode")]
    [InlineData("nationality=XX", "nationality")]
    [InlineData("programme=NoSuchProgramme", "programme")]
    [InlineData("education=kindergarten", "education")]
    [InlineData("format=xml", "format")]
    [InlineData("includePersonalData=true", "includePersonalData")]
    [InlineData("sort=idNumber", "sort")]
    public async Task A_bad_list_parameter_is_a_400_naming_it(string query, string parameter)
    {
        var problem = await (await factory.Officers().GetAsync($"/api/v1/talents?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(parameter).Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_retried_registration_with_the_same_Idempotency_Key_creates_one_person()
    {
        var body = Api.Person();
        var key = Guid.NewGuid().ToString();

        var first = await (await clerk.PostJsonAsync("/api/v1/talents", body, key)).JsonAsync(HttpStatusCode.Created);
        var retry = await clerk.PostJsonAsync("/api/v1/talents", body, key);

        (await retry.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>().Should().Be(first["id"]!.GetValue<Guid>());
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
    }

    [Fact]
    public async Task An_unknown_person_is_a_404()
    {
        await (await clerk.GetAsync($"/api/v1/talents/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }
}
