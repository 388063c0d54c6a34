using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>Reviews (中期评估) of a seeded plan: the monitoring report as of a date, stored when taken and never recomputed.</summary>
public class ReviewTests(SeededPlansApiFactory factory) : IClassFixture<SeededPlansApiFactory>
{
    private const string Municipal = "TJ-STI-14FYP";
    private const string Reviews = $"/api/v1/plans/{Municipal}/reviews";
    private readonly HttpClient admin = factory.CreateClient();
    private readonly HttpClient owner = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", clientId: "municipal-sti-bureau"));

    private async Task ApprovedFigureAsync(string indicator, int year, decimal value)
    {
        var entered = await (await admin.PostJsonAsync($"/api/v1/plans/{Municipal}/indicators/{indicator}/observations",
            new { year, value, source = "市统计局" })).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/plans/{Municipal}/indicators/{indicator}/observations/{entered["id"]}";
        await (await admin.PostAsync($"{url}/submit", null)).JsonAsync(HttpStatusCode.OK);
        await (await owner.PostAsync($"{url}/approve", null)).JsonAsync(HttpStatusCode.OK);
    }

    private static JsonNode Indicator(JsonNode report, string code) =>
        report["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == code)!;

    [Fact]
    public async Task A_review_keeps_the_report_as_it_stood_when_taken_while_the_live_report_moves_on()
    {
        await ApprovedFigureAsync("T1-05", 2022, 9200);
        var response = await owner.PostJsonAsync(Reviews, new { title = "中期评估", asOf = "2023-06-30", note = "市人大专题询问" });
        var taken = await response.JsonAsync(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"{Reviews}/{taken["id"]}");
        taken["takenBy"]!.GetValue<string>().Should().Be("municipal-sti-bureau");
        var hightech = Indicator(taken["report"]!, "T1-05");
        hightech["target"]!["value"]!.GetValue<decimal>().Should().Be(11600);
        hightech["actual"]!["value"]!.GetValue<decimal>().Should().Be(9200);
        taken["report"]!["asOf"]!.GetValue<string>().Should().Be("2023-06-30");
        taken["report"]!["tasks"]!.AsArray().Should().NotBeEmpty();

        // After the review: the target is adjusted from 2023 on, and a 2023 figure is approved.
        await (await admin.PostJsonAsync($"/api/v1/plans/{Municipal}/indicators/T1-05/adjustments", new
        {
            targets = new[] { new { year = 2025, value = 12000 } },
            reason = "中期评估后上调",
            documentNumber = "津科规〔2023〕8号",
            approvedOn = "2022-12-20",
            adjustedOn = "2023-01-01",
        })).JsonAsync(HttpStatusCode.Created);
        await ApprovedFigureAsync("T1-05", 2023, 10100);

        var live = await (await admin.GetAsync($"/api/v1/plans/{Municipal}/progress?asOf=2023-06-30")).JsonAsync(HttpStatusCode.OK);
        Indicator(live, "T1-05")["target"]!["value"]!.GetValue<decimal>().Should().Be(12000, "the live reckoning for the same date has moved on");
        Indicator(live, "T1-05")["actual"]!["value"]!.GetValue<decimal>().Should().Be(10100);

        var stored = await (await admin.GetAsync($"{Reviews}/{taken["id"]}")).JsonAsync(HttpStatusCode.OK);
        stored.ToJsonString().Should().Be(taken.ToJsonString(), "the review answers as stored, never recomputed");
        Indicator(stored["report"]!, "T1-05")["target"]!["value"]!.GetValue<decimal>().Should().Be(11600);

        var html = await (await admin.GetAsync($"{Reviews}/{taken["id"]}?format=html")).Content.ReadAsStringAsync();
        html.Should().Contain("中期评估").And.Contain("截至2023年6月30日").And.Contain("9200（2022）").And.NotContain("10100");
        var csv = await admin.GetAsync($"{Reviews}/{taken["id"]}?format=csv");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(l => l.StartsWith("indicator,T1-05,", StringComparison.Ordinal) && l.Contains(",11600,2022,9200,", StringComparison.Ordinal));

        var list = await (await factory.ClientWith(null).GetAsync(Reviews)).JsonAsync(HttpStatusCode.OK);
        var listed = list["items"]!.AsArray().Single(r => r!["id"]!.GetValue<long>() == taken["id"]!.GetValue<long>())!;
        listed["title"]!.GetValue<string>().Should().Be("中期评估");
        listed["report"].Should().BeNull("the list names reviews without their reports");
    }

    [Fact]
    public async Task A_repeated_request_with_its_idempotency_key_takes_one_review()
    {
        var body = new { title = "专项监测", asOf = "2022-12-31" };
        var first = await (await admin.PostJsonAsync(Reviews, body, "review-once")).JsonAsync(HttpStatusCode.Created);
        var again = await (await admin.PostJsonAsync(Reviews, body, "review-once")).JsonAsync(HttpStatusCode.Created);
        again["id"]!.GetValue<long>().Should().Be(first["id"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2020-12-31")]
    public async Task A_date_outside_the_plan_period_is_refused(string asOf) =>
        (await (await admin.PostJsonAsync(Reviews, new { title = "中期评估", asOf })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("asOf").Single().Should().Contain("2021 to 2025");

    [Fact]
    public async Task Missing_or_oversized_fields_and_unreadable_bodies_are_refused()
    {
        var missing = await (await admin.PostJsonAsync(Reviews, new { note = "x" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        missing.ErrorsFor("title").Should().NotBeEmpty();
        missing.ErrorsFor("asOf").Should().NotBeEmpty();
        (await (await admin.PostJsonAsync(Reviews, new { title = new string('评', 101), asOf = "2023-06-30", note = new string('x', 2001) }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("note").Should().NotBeEmpty();
        await (await admin.PostRawAsync(Reviews, "{\"title\":\"中期评估\",\"asOf\":\"2023-02-30\"}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        (await (await admin.GetAsync(Reviews)).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Should()
            .NotContain(r => r!["title"]!.GetValue<string>().Length > 100, "nothing refused was stored");
    }

    [Fact]
    public async Task Unknown_plans_and_reviews_unit_callers_and_anonymous_callers_are_refused()
    {
        await (await admin.PostJsonAsync("/api/v1/plans/NO-SUCH-PLAN/reviews", new { title = "中期评估", asOf = "2023-06-30" }))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await admin.GetAsync($"{Reviews}/999999")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await admin.GetAsync("/api/v1/plans/NO-SUCH-PLAN/reviews")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        var unit = ResponsibleUnitsTests.UnitClient(factory, "区科技局");
        await (await unit.PostJsonAsync($"/api/v1/plans/{ResponsibleUnitsTests.Dongli}/reviews", new { title = "中期评估", asOf = "2021-06-30" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await factory.ClientWith(null).PostJsonAsync(Reviews, new { title = "中期评估", asOf = "2023-06-30" }))
            .ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await admin.GetAsync($"{Reviews}?pageSize=0")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await admin.GetAsync($"{Reviews}?sort=content")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await admin.GetAsync($"{Reviews}/1?format=pdf")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    [Fact]
    public async Task A_review_of_another_plan_is_not_found_under_this_one()
    {
        var taken = await (await admin.PostJsonAsync(Reviews, new { title = "年中监测", asOf = "2021-06-30" })).JsonAsync(HttpStatusCode.Created);
        await (await admin.GetAsync($"/api/v1/plans/{ResponsibleUnitsTests.Dongli}/reviews/{taken["id"]}")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }
}
