using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>A register metric rolled up across the seeded plans: the municipal target beside the districts', their sum and the gap.</summary>
public class RollupTests(SeededPlansApiFactory factory) : IClassFixture<SeededPlansApiFactory>
{
    private const string HighTech = "enterprises.qualified.HighTech";
    private readonly HttpClient admin = factory.CreateClient();
    private readonly HttpClient anonymous = factory.ClientWith(null);

    private static decimal? Number(JsonNode? node) => node?.GetValue<decimal>();

    [Fact]
    public async Task High_tech_enterprises_roll_up_as_the_seeded_plans_set_them()
    {
        var rollup = await (await anonymous.GetAsync($"/api/v1/rollups/{HighTech}")).JsonAsync(HttpStatusCode.OK);

        // From seeds/plans: TJ-STI-14FYP T1-05 7420 (2020) → 11600 (2025); by region code, Dongli (120110) T1-03 500 by
        // 2022, Baodi (120115) S-02 280, Jinghai (120118) T1-04 400, Binhai High-tech Zone (12Z01) T1-15 2500, by 2025.
        var municipal = rollup["municipal"]!;
        municipal["planCode"]!.GetValue<string>().Should().Be("TJ-STI-14FYP");
        municipal["indicatorCode"]!.GetValue<string>().Should().Be("T1-05");
        Number(municipal["target"]!["value"]).Should().Be(11600);
        Number(municipal["baseline"]!["value"]).Should().Be(7420);
        var districts = rollup["districts"]!.AsArray();
        districts.Select(d => (d!["planCode"]!.GetValue<string>(), d["indicatorCode"]!.GetValue<string>(), Number(d["target"]!["value"]),
                d["target"]!["year"]!.GetValue<int>()))
            .Should().Equal(("DL-STI-AP-2020-2022", "T1-03", 500m, 2022), ("BD-STI-14FYP", "S-02", 280m, 2025),
                ("JH-STI-14FYP", "T1-04", 400m, 2025), ("BHTZ-14FYP", "T1-15", 2500m, 2025));
        // 500 + 280 + 400 + 2500 = 3680; 11600 − 3680 = 7920.
        Number(rollup["districtTargetSum"]).Should().Be(3680);
        Number(rollup["targetGap"]).Should().Be(7920);
        rollup["districtActualSum"].Should().BeNull("no figure is approved and no register is authoritative in the seeded system");
    }

    [Fact]
    public async Task An_approved_district_figure_counts_in_the_actual_sum_and_the_remaining_target_while_a_draft_plan_does_not()
    {
        var entered = await (await admin.PostJsonAsync("/api/v1/plans/JH-STI-14FYP/indicators/T1-04/observations", new { year = 2023, value = 352 }))
            .JsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/plans/JH-STI-14FYP/indicators/T1-04/observations/{entered["id"]}";
        await (await admin.PostAsync($"{url}/submit", null)).JsonAsync(HttpStatusCode.OK);
        var owner = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", clientId: "jinghai-sti-bureau"));
        await (await owner.PostAsync($"{url}/approve", null)).JsonAsync(HttpStatusCode.OK);
        var draft = await admin.CreatePlanAsync(regionCode: "120101", level: "district");
        await (await admin.PostJsonAsync($"/api/v1/plans/{draft}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);

        var rollup = await (await anonymous.GetAsync($"/api/v1/rollups/{HighTech}")).JsonAsync(HttpStatusCode.OK);

        var jinghai = rollup["districts"]!.AsArray().Single(d => d!["planCode"]!.GetValue<string>() == "JH-STI-14FYP")!;
        Number(jinghai["actual"]!["value"]).Should().Be(352);
        Number(jinghai["remaining"]).Should().Be(48, "400 − 352");
        Number(rollup["districtActualSum"]).Should().Be(352);
        rollup["districts"]!.AsArray().Should().HaveCount(4, "a draft plan is not public and not rolled up");
    }

    [Fact]
    public async Task The_list_holds_each_metric_the_municipal_plan_shares_with_a_district()
    {
        var list = await (await anonymous.GetAsync("/api/v1/rollups")).JsonAsync(HttpStatusCode.OK);
        var items = list["items"]!.AsArray();
        items.Should().Contain(i => i!["metric"]!.GetValue<string>() == HighTech);
        items.Should().OnlyContain(i => i!["municipal"] != null && i["districts"]!.AsArray().Count > 0);
        items.Should().NotContain(i => i!["metric"]!.GetValue<string>() == "enterprises.qualified.HighTech.revenueAtLeast.1000000",
            "only the Binhai High-tech Zone sets that one");
        var single = await (await anonymous.GetAsync($"/api/v1/rollups/{HighTech}")).JsonAsync(HttpStatusCode.OK);
        items.Single(i => i!["metric"]!.GetValue<string>() == HighTech)!.ToJsonString().Should().Be(single.ToJsonString());
    }

    [Fact]
    public async Task A_metric_no_municipal_plan_sets_has_no_gap()
    {
        var rollup = await (await anonymous.GetAsync("/api/v1/rollups/enterprises.qualified.HighTech.revenueAtLeast.1000000")).JsonAsync(HttpStatusCode.OK);
        rollup["municipal"].Should().BeNull();
        rollup["districts"]!.AsArray().Single()!["planCode"]!.GetValue<string>().Should().Be("BHTZ-14FYP");
        Number(rollup["districtTargetSum"]).Should().Be(4);
        rollup["targetGap"].Should().BeNull();
    }

    [Fact]
    public async Task An_unknown_or_oversized_metric_is_refused()
    {
        await (await anonymous.GetAsync("/api/v1/rollups/enterprises.qualified.NoSuchType")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        (await (await anonymous.GetAsync($"/api/v1/rollups/{new string('m', 121)}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter"))
            .ErrorsFor("metric").Should().NotBeEmpty();
    }
}
