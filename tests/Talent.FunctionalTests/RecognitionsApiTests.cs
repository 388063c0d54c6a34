using System.Net;

namespace Talent.FunctionalTests;

public class RecognitionsApiTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private readonly HttpClient clerk = factory.CreateClient();

    [Fact]
    public async Task A_recognition_is_recorded_shown_on_the_person_and_published_with_ids_and_place_only()
    {
        var id = (await clerk.RegisterAsync(Api.Person(regionCode: "120118", zoneCode: "12Z01")))["id"]!.GetValue<Guid>();

        var recognition = await clerk.RecognizeAsync(id, "HaiheTalent", 2023, tier: "领军人才");
        var person = await (await clerk.GetAsync($"/api/v1/talents/{id}")).JsonAsync(HttpStatusCode.OK);

        recognition["status"]!.GetValue<string>().Should().Be("active");
        recognition["regionCode"]!.GetValue<string>().Should().Be("120118");
        recognition["nationality"]!.GetValue<string>().Should().Be("CN");
        person["recognitions"]!.AsArray().Should().ContainSingle().Which!["programme"]!.GetValue<string>().Should().Be("HaiheTalent");
        var published = (await factory.OutboxAsync("TalentRecognized")).Single(e => e["recognitionId"]!.GetValue<Guid>() == recognition["id"]!.GetValue<Guid>());
        published.AsObject().Select(p => p.Key).Should().BeEquivalentTo(
            "recognitionId", "talentId", "programme", "year", "tier", "nationality", "regionCode", "zoneCode", "recognizedOn", "id", "occurredAt");
        published["zoneCode"]!.GetValue<string>().Should().Be("12Z01");
        published["tier"]!.GetValue<string>().Should().Be("领军人才");
    }

    [Fact]
    public async Task A_programme_with_tiers_needs_one_of_them_and_takes_it_in_any_case()
    {
        var id = await clerk.RegisterIdAsync();

        var missing = await clerk.PostJsonAsync($"/api/v1/talents/{id}/recognitions", new { programme = "haihetalent", year = 2024 });

        (await missing.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("tier").Should().ContainSingle();
        var recorded = await clerk.RecognizeAsync(id, "haihetalent", 2024, "青年人才");
        recorded["programme"]!.GetValue<string>().Should().Be("HaiheTalent");
    }

    [Fact]
    public async Task The_same_programme_and_year_twice_is_a_409_and_another_year_is_not()
    {
        var id = await clerk.RegisterIdAsync();
        await clerk.RecognizeAsync(id, "YoungScientists", 2022);

        await (await clerk.PostJsonAsync($"/api/v1/talents/{id}/recognitions", new { programme = "YoungScientists", year = 2022 }))
            .ProblemAsync(HttpStatusCode.Conflict, "alreadyRecognized");
        await clerk.RecognizeAsync(id, "YoungScientists", 2023);
    }

    [Fact]
    public async Task A_revocation_takes_a_reason_publishes_the_place_it_was_counted_and_cannot_be_repeated()
    {
        var id = (await clerk.RegisterAsync(Api.Person(regionCode: "120115")))["id"]!.GetValue<Guid>();
        var recognition = await clerk.RecognizeAsync(id, "BaodiTalentPool", 2020);
        var url = $"/api/v1/talents/{id}/recognitions/{recognition["id"]}/revoke";
        await (await clerk.PatchAsync($"/api/v1/talents/{id}", new { regionCode = "120101" }, "\"1\"")).JsonAsync(HttpStatusCode.OK);

        await (await clerk.PostJsonAsync(url, new { reason = "" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var revoked = await (await clerk.PostJsonAsync(url, new { reason = "申报材料不实", revokedOn = "2026-05-01" })).JsonAsync(HttpStatusCode.OK);
        await (await clerk.PostJsonAsync(url, new { reason = "再次撤销" })).ProblemAsync(HttpStatusCode.Conflict, "recognitionNotActive");

        revoked["status"]!.GetValue<string>().Should().Be("revoked");
        revoked["revocationReason"]!.GetValue<string>().Should().Be("申报材料不实");
        var published = (await factory.OutboxAsync("RecognitionRevoked")).Single(e => e["recognitionId"]!.GetValue<Guid>() == recognition["id"]!.GetValue<Guid>());
        published["regionCode"]!.GetValue<string>().Should().Be("120115", "a revocation takes back the count where the recognition made it");
        published["revokedOn"]!.GetValue<string>().Should().Be("2026-05-01");
        published.ToJsonString().Should().NotContain("申报材料不实", "free text stays out of events");
        (await (await clerk.GetAsync($"/api/v1/talents/{id}")).JsonAsync(HttpStatusCode.OK))["recognitions"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_revocation_before_the_recognition_or_in_the_future_is_a_422()
    {
        var id = await clerk.RegisterIdAsync();
        var recognition = await clerk.RecognizeAsync(id, "YoungScientists", 2025);
        var url = $"/api/v1/talents/{id}/recognitions/{recognition["id"]}/revoke";

        (await (await clerk.PostJsonAsync(url, new { reason = "x", revokedOn = "2024-12-31" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("revokedOn").Should().ContainSingle();
        (await (await clerk.PostJsonAsync(url, new { reason = "x", revokedOn = "2030-01-01" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("revokedOn").Should().ContainSingle();
    }

    [Fact]
    public async Task The_register_wide_list_filters_by_programme_region_status_and_year()
    {
        var jinghai = (await clerk.RegisterAsync(Api.Person(regionCode: "120118")))["id"]!.GetValue<Guid>();
        var foreign = await clerk.RegisterIdAsync("120118", nationality: "US");
        await clerk.RecognizeAsync(jinghai, "DistinguishedTalent", 2019);
        await clerk.RecognizeAsync(foreign, "DistinguishedTalent", 2019);

        var list = await (await clerk.GetAsync("/api/v1/talents/recognitions?programme=DistinguishedTalent&regionCode=120118&year=2019&status=active"))
            .JsonAsync(HttpStatusCode.OK);

        list["items"]!.AsArray().Select(r => r!["talentId"]!.GetValue<Guid>()).Should().BeEquivalentTo([jinghai, foreign]);
        list["items"].Strings("nationality").Should().BeEquivalentTo("CN", "US");
    }

    [Fact]
    public async Task A_recognition_of_an_unknown_person_is_a_404_and_one_of_another_person_too()
    {
        var id = await clerk.RegisterIdAsync();
        var other = await clerk.RegisterIdAsync();
        var recognition = await clerk.RecognizeAsync(id);

        await (await clerk.PostJsonAsync($"/api/v1/talents/{Guid.NewGuid()}/recognitions", new { programme = "YoungScientists", year = 2024 }))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await clerk.GetAsync($"/api/v1/talents/{other}/recognitions/{recognition["id"]}")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Programmes_are_public_with_level_issuer_and_first_year()
    {
        var anonymous = factory.ClientWith(null);

        var all = await (await anonymous.GetAsync("/api/v1/talent-programmes")).JsonAsync(HttpStatusCode.OK);
        var district = await (await anonymous.GetAsync("/api/v1/talent-programmes?level=district")).JsonAsync(HttpStatusCode.OK);
        var haihe = await (await anonymous.GetAsync("/api/v1/talent-programmes/HaiheTalent")).JsonAsync(HttpStatusCode.OK);

        all["items"].Strings("code").Should().Contain(["HaiheTalent", "HaiheTalentUpgraded", "DistinguishedTalent", "YoungScientists",
            "BaodiTalentPool", "TechCommissioner", "ProjectTeam"]);
        district["items"].Strings("code").Should().Equal("BaodiTalentPool");
        haihe["startYear"]!.GetValue<int>().Should().Be(2018);
        haihe["level"]!.GetValue<string>().Should().Be("municipal");
        haihe["tiers"]!.AsArray().Should().HaveCount(4);
        await (await anonymous.GetAsync("/api/v1/talent-programmes/Nope")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }
}
