using System.Net;
using System.Net.Http.Headers;

namespace Talent.FunctionalTests;

/// <summary>Identity numbers and phones: shown in clear to holders of talent.pii, masked to everyone else, wherever they appear.</summary>
public class PersonalDataTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private readonly HttpClient clerk = factory.CreateClient();
    private readonly HttpClient officer = factory.Officers();
    private readonly HttpClient reader = factory.As("talent.read");

    private static string Masked(string idNumber) => idNumber[..6] + "********" + idNumber[^4..];

    private static string MaskedPhone(string phone) => phone[..3] + "****" + phone[^4..];

    [Fact]
    public async Task A_caller_without_talent_pii_sees_the_identity_number_and_phone_masked_everywhere()
    {
        var (idNumber, phone) = (Suite.IdNumber(), Suite.Phone());
        var marker = "掩码" + Guid.NewGuid().ToString("N")[..6];

        var created = await clerk.RegisterAsync(Api.Person(idNumber, phone, name: marker));
        var id = created["id"]!.GetValue<Guid>();
        var read = await (await reader.GetAsync($"/api/v1/talents/{id}")).JsonAsync(HttpStatusCode.OK);
        var listed = (await (await reader.GetAsync($"/api/v1/talents?q={marker}")).JsonAsync(HttpStatusCode.OK))["items"]![0]!;

        foreach (var person in new[] { created, read, listed })
        {
            person["idNumber"]!.GetValue<string>().Should().Be(Masked(idNumber)).And.MatchRegex(@"^\d{6}\*{8}\d{3}[\dX]$");
            person["phone"]!.GetValue<string>().Should().Be(MaskedPhone(phone));
            person["name"]!.GetValue<string>().Should().Be(marker);
        }
    }

    [Fact]
    public async Task A_caller_with_talent_pii_sees_them_in_clear()
    {
        var (idNumber, phone) = (Suite.IdNumber(), Suite.Phone());
        var id = (await clerk.RegisterAsync(Api.Person(idNumber, phone)))["id"]!.GetValue<Guid>();

        var read = await (await officer.GetAsync($"/api/v1/talents/{id}")).JsonAsync(HttpStatusCode.OK);

        read["idNumber"]!.GetValue<string>().Should().Be(idNumber);
        read["phone"]!.GetValue<string>().Should().Be(phone);
    }

    [Fact]
    public async Task A_passport_number_is_masked_whole()
    {
        var id = (await clerk.RegisterAsync(Api.Person(Suite.Passport(), documentType: "passport", nationality: "FR", name: "Marie Curie")))["id"]!;

        var read = await (await reader.GetAsync($"/api/v1/talents/{id}")).JsonAsync(HttpStatusCode.OK);

        read["idNumber"]!.GetValue<string>().Should().Be(new string('*', 18));
    }

    [Fact]
    public async Task A_clerk_changing_another_field_leaves_the_phone_as_it_was_not_its_mask()
    {
        var phone = Suite.Phone();
        var id = (await clerk.RegisterAsync(Api.Person(phone: phone)))["id"]!.GetValue<Guid>();

        await (await clerk.PatchAsync($"/api/v1/talents/{id}", new { title = "高级工程师" }, "\"1\"")).JsonAsync(HttpStatusCode.OK);

        (await (await officer.GetAsync($"/api/v1/talents/{id}")).JsonAsync(HttpStatusCode.OK))["phone"]!.GetValue<string>().Should().Be(phone);
    }

    [Fact]
    public async Task A_clerk_may_change_a_phone_without_seeing_it_and_spaces_and_hyphens_are_dropped()
    {
        var id = (await clerk.RegisterAsync())["id"]!.GetValue<Guid>();
        var phone = Suite.Phone();

        var changed = await (await clerk.PatchAsync($"/api/v1/talents/{id}", new { phone = $"{phone[..3]} {phone[3..7]}-{phone[7..]}" }, "\"1\""))
            .JsonAsync(HttpStatusCode.OK);

        changed["phone"]!.GetValue<string>().Should().Be(MaskedPhone(phone));
        (await (await officer.GetAsync($"/api/v1/talents/{id}")).JsonAsync(HttpStatusCode.OK))["phone"]!.GetValue<string>().Should().Be(phone);
    }

    [Fact]
    public async Task An_officer_finds_a_person_by_identity_number_or_phone_in_the_body_of_a_look_up()
    {
        var (idNumber, phone) = (Suite.IdNumber(), Suite.Phone());
        var id = (await clerk.RegisterAsync(Api.Person(idNumber, phone)))["id"]!.GetValue<Guid>();

        var byNumber = await (await officer.PostJsonAsync("/api/v1/talents/lookup", new { idNumber = idNumber.ToLowerInvariant() })).JsonAsync(HttpStatusCode.OK);
        var byPhone = await (await officer.PostJsonAsync("/api/v1/talents/lookup", new { phone })).JsonAsync(HttpStatusCode.OK);
        var byType = await (await officer.PostJsonAsync("/api/v1/talents/lookup", new { idNumber, documentType = "passport" })).JsonAsync(HttpStatusCode.OK);
        var nobody = await (await officer.PostJsonAsync("/api/v1/talents/lookup", new { idNumber = IdentityNumbers.New() })).JsonAsync(HttpStatusCode.OK);

        byNumber["items"]!.AsArray().Should().ContainSingle().Which!["id"]!.GetValue<Guid>().Should().Be(id);
        byNumber["items"]![0]!["idNumber"]!.GetValue<string>().Should().Be(idNumber);
        byPhone["items"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()).Should().Contain(id);
        byType["items"]!.AsArray().Should().BeEmpty();
        nobody["items"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"idNumber":"110101199003071234","phone":"13800000000"}""")]
    [InlineData("""{"phone":"12345"}""")]
    [InlineData("""{"idNumber":"123456789012345678901"}""")]
    public async Task A_look_up_asks_for_exactly_one_well_formed_value(string body)
    {
        var response = await officer.PostRawAsync("/api/v1/talents/lookup", body);

        var text = await response.Content.ReadAsStringAsync();
        await response.ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        text.Should().NotContain("110101199003071234").And.NotContain("13800000000");
    }

    [Fact]
    public async Task The_CSV_export_leaves_personal_data_out_unless_a_holder_of_talent_pii_asks_for_it()
    {
        var (idNumber, phone) = (Suite.IdNumber(), Suite.Phone());
        var marker = "导出" + Guid.NewGuid().ToString("N")[..6];
        await clerk.RegisterAsync(Api.Person(idNumber, phone, name: marker));

        var plain = await (await officer.GetAsync($"/api/v1/talents?format=csv&q={marker}")).Content.ReadAsStringAsync();
        var refused = await clerk.GetAsync($"/api/v1/talents?format=csv&includePersonalData=true&q={marker}");
        var full = await (await officer.GetAsync($"/api/v1/talents?format=csv&includePersonalData=true&q={marker}")).Content.ReadAsStringAsync();

        plain.TrimStart('\uFEFF').Split('\n')[0].Trim().Should().Be("documentType,nationality,name,gender,birthYear,education,title,field,employerCreditCode,regionCode,zoneCode");
        plain.Should().Contain(marker).And.NotContain(idNumber[6..14]).And.NotContain(phone[3..7]);
        await refused.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        full.TrimStart('\uFEFF').Split('\n')[0].Trim().Should().StartWith("documentType,idNumber,nationality,name,phone,");
        full.Should().Contain(idNumber).And.Contain(phone);
    }

    [Theory]
    [InlineData("/api/v1/talents")]
    [InlineData("/api/v1/talents?format=csv&includePersonalData=true")]
    public async Task Answers_holding_personal_data_are_never_compressed(string url)
    {
        for (var i = 0; i < 12; i++)
        {
            await clerk.RegisterAsync();
        }

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var response = await officer.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(1024, "long enough that it would otherwise be compressed");
        response.Content.Headers.ContentEncoding.Should().BeEmpty("a compressed length would betray the personal data in it (BREACH)");
    }

    [Fact]
    public async Task A_phone_of_the_wrong_shape_is_refused_without_being_repeated()
    {
        var response = await clerk.PostJsonAsync("/api/v1/talents", Api.Person(phone: "0228765432100"));

        var text = await response.Content.ReadAsStringAsync();
        (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("phone").Should().ContainSingle();
        text.Should().NotContain("0228765432100");
    }
}
