using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>Completeness of a plan's yearly figures, counted by hand on the seeded Dongli plan.</summary>
public class CompletenessTests(SeededPlansApiFactory factory) : IClassFixture<SeededPlansApiFactory>
{
    private const string Dongli = ResponsibleUnitsTests.Dongli;
    private readonly HttpClient admin = factory.CreateClient();
    private readonly HttpClient owner = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: "120110", clientId: "dongli-sti-bureau"));

    private async Task<long> EnterAsync(HttpClient client, string indicator, int year, decimal value) =>
        (await (await client.PostJsonAsync($"/api/v1/plans/{Dongli}/indicators/{indicator}/observations", new { year, value }))
            .JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();

    private static void ShouldCount(JsonNode counts, int expected, int reported, int approved, int late)
    {
        counts["expected"]!.GetValue<int>().Should().Be(expected);
        counts["reported"]!.GetValue<int>().Should().Be(reported);
        counts["approved"]!.GetValue<int>().Should().Be(approved);
        counts["late"]!.GetValue<int>().Should().Be(late);
    }

    private static JsonNode UnitCounts(JsonNode completeness, string unit) =>
        completeness["units"]!.AsArray().Single(u => u!["unit"]!.GetValue<string>() == unit)!["counts"]!;

    [Fact]
    public async Task The_counts_match_a_hand_count_on_the_seeded_Dongli_plan()
    {
        // 2021: T1-01 entered (draft); T1-02 entered, submitted and approved; T1-10 entered and submitted by 区工信局;
        // T1-03 has a figure for 2022 only, which 2021 does not count.
        await EnterAsync(admin, "T1-01", 2021, 3.0m);
        var patents = await EnterAsync(admin, "T1-02", 2021, 0.19m);
        await (await admin.PostAsync($"/api/v1/plans/{Dongli}/indicators/T1-02/observations/{patents}/submit", null)).JsonAsync(HttpStatusCode.OK);
        await (await owner.PostAsync($"/api/v1/plans/{Dongli}/indicators/T1-02/observations/{patents}/approve", null)).JsonAsync(HttpStatusCode.OK);
        var industry = ResponsibleUnitsTests.UnitClient(factory, "区工信局");
        var share = await EnterAsync(industry, "T1-10", 2021, 1.1m);
        await (await industry.PostAsync($"/api/v1/plans/{Dongli}/indicators/T1-10/observations/{share}/submit", null)).JsonAsync(HttpStatusCode.OK);
        await EnterAsync(admin, "T1-03", 2022, 500);

        var year = await (await admin.GetAsync($"/api/v1/plans/{Dongli}/completeness/2021")).JsonAsync(HttpStatusCode.OK);

        // Expected 17: T1-01–T1-13 have their baseline in 2020 and targets for 2021 and 2022; S-01–S-04 have no baseline
        // (the plan's, 2020, stands in) and a 2022 target, so 2021 lies between baseline and last target for all 17.
        // Reported 3 (T1-01, T1-02, T1-10), approved 1 (T1-02); the clock reads 2026-11-22, past the due date 2022-03-31,
        // so every owed figure not approved is late: 17 − 1 = 16.
        ShouldCount(year["totals"]!, expected: 17, reported: 3, approved: 1, late: 16);
        year["dueOn"]!.GetValue<string>().Should().Be("2022-03-31");
        var indicators = year["indicators"]!.AsArray();
        indicators.Single(i => i!["code"]!.GetValue<string>() == "T1-10")!["figure"]!.GetValue<string>().Should().Be("submitted");
        indicators.Single(i => i!["code"]!.GetValue<string>() == "T1-02")!["late"]!.GetValue<bool>().Should().BeFalse();
        // 区科技局 leads T1-01–T1-09, T1-13, S-01–S-03 and answers for S-04: 14, of which T1-01 and T1-02 reported, T1-02 approved.
        ShouldCount(UnitCounts(year, "区科技局"), expected: 14, reported: 2, approved: 1, late: 13);
        // 区工信局 answers for T1-10–T1-12: T1-10 reported, none approved.
        ShouldCount(UnitCounts(year, "区工信局"), expected: 3, reported: 1, approved: 0, late: 3);
        // 区知识产权局 answers for T1-01 and T1-02 only.
        ShouldCount(UnitCounts(year, "区知识产权局"), expected: 2, reported: 2, approved: 1, late: 1);

        var unit = await (await admin.GetAsync($"/api/v1/plans/{Dongli}/completeness/2021?unit={Uri.EscapeDataString("区工信局")}"))
            .JsonAsync(HttpStatusCode.OK);
        ShouldCount(unit["totals"]!, expected: 3, reported: 1, approved: 0, late: 3);
        unit["indicators"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).Should().Equal("T1-10", "T1-11", "T1-12");

        // 2022: the 2022 figure of T1-03 is reported; nothing is approved; 17 owed.
        ShouldCount((await (await admin.GetAsync($"/api/v1/plans/{Dongli}/completeness/2022")).JsonAsync(HttpStatusCode.OK))["totals"]!,
            expected: 17, reported: 1, approved: 0, late: 17);
        // 2020 is the baseline year: nothing is owed for it.
        ShouldCount((await (await admin.GetAsync($"/api/v1/plans/{Dongli}/completeness/2020")).JsonAsync(HttpStatusCode.OK))["totals"]!,
            expected: 0, reported: 0, approved: 0, late: 0);
    }

    [Fact]
    public async Task Nothing_is_late_before_the_due_date()
    {
        var back = new DateTimeOffset(2022, 3, 31, 8, 0, 0, TimeSpan.Zero) - factory.Clock.GetUtcNow();
        factory.Clock.Advance(back);
        try
        {
            var year = await (await admin.GetAsync($"/api/v1/plans/{Dongli}/completeness/2021")).JsonAsync(HttpStatusCode.OK);
            year["totals"]!["late"]!.GetValue<int>().Should().Be(0, "31 March is the last day to report");
        }
        finally
        {
            factory.Clock.Advance(-back);
        }
    }

    [Fact]
    public async Task A_year_outside_the_period_and_a_unit_not_named_are_refused()
    {
        var outside = await (await admin.GetAsync($"/api/v1/plans/{Dongli}/completeness/2023")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        outside.ErrorsFor("year").Single().Should().Contain("2020 to 2022");
        await (await admin.GetAsync($"/api/v1/plans/{Dongli}/completeness/2021?unit={Uri.EscapeDataString("区外办")}"))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await admin.GetAsync($"/api/v1/plans/{Dongli}/completeness/2021?unit={new string('局', 201)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await admin.GetAsync("/api/v1/plans/NO-SUCH-PLAN/completeness/2021")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }
}
