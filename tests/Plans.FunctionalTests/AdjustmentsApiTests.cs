using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>Target adjustments (动态调整): a published plan's targets change only through an approved adjustment, from its date.</summary>
public class AdjustmentsApiTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static object Adjustment(decimal target = 13000, string? reason = "2022年监测评估：增长快于预期", string? documentNumber = "津科规〔2023〕3号",
        string approvedOn = "2023-06-15", string adjustedOn = "2023-07-01", int year = 2025) => new
    {
        targets = new[] { new { year, value = target } },
        reason,
        documentNumber,
        approvedOn,
        adjustedOn,
    };

    /// <summary>A published plan whose indicator I1 runs from 7420 (2020) to 11600 (2025), with 9000 observed for 2022.</summary>
    private async Task<string> PublishedPlanAsync()
    {
        var plan = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1", metric: ""))).JsonAsync(HttpStatusCode.Created);
        await client.PublishAsync(plan);
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/observations", new { year = 2022, value = 9000 }))
            .JsonAsync(HttpStatusCode.Created);
        return plan;
    }

    private async Task<JsonNode> ProgressAsync(string plan, string asOf) =>
        (await (await client.GetAsync($"/api/v1/plans/{plan}/progress?asOf={asOf}&figures=latest")).JsonAsync(HttpStatusCode.OK))["indicators"]![0]!;

    [Fact]
    public async Task An_adjustment_changes_progress_only_from_its_date_and_keeps_the_document_s_targets_visible()
    {
        var plan = await PublishedPlanAsync();
        var before = await ProgressAsync(plan, "2023-06-30");

        var adjusted = await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments", Adjustment()))
            .JsonAsync(HttpStatusCode.Created);

        adjusted["changes"]!["before"]![0]!["value"]!.GetValue<decimal>().Should().Be(11600);
        adjusted["changes"]!["after"]![0]!["value"]!.GetValue<decimal>().Should().Be(13000);
        adjusted["reason"]!.GetValue<string>().Should().Be("2022年监测评估：增长快于预期");
        adjusted["documentNumber"]!.GetValue<string>().Should().Be("津科规〔2023〕3号");
        adjusted["approvedOn"]!.GetValue<string>().Should().Be("2023-06-15");
        var dayBefore = await ProgressAsync(plan, "2023-06-30");
        var onTheDay = await ProgressAsync(plan, "2023-07-01");
        dayBefore.ToJsonString().Should().Be(before.ToJsonString(), "the adjustment is not in force yet");
        dayBefore["target"]!["value"]!.GetValue<decimal>().Should().Be(11600);
        dayBefore["targetAdjustedBy"].Should().BeNull();
        onTheDay["target"]!["value"]!.GetValue<decimal>().Should().Be(13000);
        onTheDay["targetAdjustedBy"]!.GetValue<string>().Should().Be("津科规〔2023〕3号");
        onTheDay["progressPercent"]!.GetValue<decimal>().Should().Be(28.3m, "(9000 − 7420) / (13000 − 7420)");
        dayBefore["progressPercent"]!.GetValue<decimal>().Should().Be(37.8m, "(9000 − 7420) / (11600 − 7420)");
        var indicator = await (await client.GetAsync($"/api/v1/plans/{plan}/indicators/I1")).JsonAsync(HttpStatusCode.OK);
        indicator["targets"]![0]!["value"]!.GetValue<decimal>().Should().Be(11600, "the document's own target stays as printed");
    }

    [Fact]
    public async Task The_history_lists_the_original_targets_those_in_force_and_every_adjustment_in_date_order()
    {
        var plan = await PublishedPlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments", Adjustment())).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments",
            Adjustment(12500, "2023年中期评估", "津科规〔2024〕1号", "2024-03-01", "2024-03-01"))).JsonAsync(HttpStatusCode.Created);

        var history = await (await factory.ClientWith(null).GetAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments")).JsonAsync(HttpStatusCode.OK);

        history["original"]![0]!["value"]!.GetValue<decimal>().Should().Be(11600);
        history["inForce"]![0]!["value"]!.GetValue<decimal>().Should().Be(12500);
        var adjustments = history["adjustments"]!.AsArray();
        adjustments.Select(a => a!["documentNumber"]!.GetValue<string>()).Should().Equal("津科规〔2023〕3号", "津科规〔2024〕1号");
        adjustments[1]!["changes"]!["before"]![0]!["value"]!.GetValue<decimal>().Should().Be(13000, "each adjustment starts from the targets in force");
        (await ProgressAsync(plan, "2023-12-31"))["target"]!["value"]!.GetValue<decimal>().Should().Be(13000);
        (await ProgressAsync(plan, "2024-03-01"))["target"]!["value"]!.GetValue<decimal>().Should().Be(12500);
    }

    [Fact]
    public async Task An_adjustment_without_a_reason_or_a_document_number_is_refused_and_changes_nothing()
    {
        var plan = await PublishedPlanAsync();

        var noReason = await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments", Adjustment(reason: null)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var noNumber = await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments", Adjustment(documentNumber: " ")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        noReason.ErrorsFor("reason").Should().ContainSingle().Which.Should().Contain("reason");
        noNumber.ErrorsFor("documentNumber").Should().ContainSingle().Which.Should().Contain("document");
        var history = await (await client.GetAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments")).JsonAsync(HttpStatusCode.OK);
        history["adjustments"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Targets_and_dates_outside_the_plan_s_period_or_before_the_approval_are_refused()
    {
        var plan = await PublishedPlanAsync();

        var lateTarget = await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments", Adjustment(year: 2030)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var early = await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments",
            Adjustment(approvedOn: "2023-06-15", adjustedOn: "2023-06-01"))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var afterThePlan = await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments",
            Adjustment(approvedOn: "2026-01-05", adjustedOn: "2026-02-01"))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var unchanged = await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments", Adjustment(target: 11600)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        lateTarget.ErrorsFor("targets[0].year").Single().Should().Contain("2021 to 2025");
        early.ErrorsFor("adjustedOn").Should().NotBeEmpty();
        afterThePlan.ErrorsFor("adjustedOn").Single().Should().Contain("2021 to 2025");
        unchanged.ErrorsFor("targets").Single().Should().Contain("already in force");
    }

    [Fact]
    public async Task A_draft_s_targets_are_edited_directly_and_an_adjustment_cannot_rewrite_what_followed_it()
    {
        var draft = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{draft}/indicators", Api.Indicator("I1", metric: ""))).JsonAsync(HttpStatusCode.Created);
        var plan = await PublishedPlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments", Adjustment())).JsonAsync(HttpStatusCode.Created);

        await (await client.PostJsonAsync($"/api/v1/plans/{draft}/indicators/I1/adjustments", Adjustment()))
            .ProblemAsync(HttpStatusCode.Conflict, "planNotPublished");
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments",
            Adjustment(12000, approvedOn: "2022-01-01", adjustedOn: "2022-01-01"))).ProblemAsync(HttpStatusCode.Conflict, "adjustmentOutOfOrder");
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/NOPE/adjustments", Adjustment()))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        (await factory.ClientWith(null).PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments", Adjustment()))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: "120118"))
                .PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/adjustments", Adjustment(14000, adjustedOn: "2023-08-01")))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "a district client does not adjust the municipal plan");
    }

    [Fact]
    public async Task An_indicator_takes_at_most_a_hundred_adjustments_and_each_at_most_twenty_targets()
    {
        var plan = await PublishedPlanAsync();
        var url = $"/api/v1/plans/{plan}/indicators/I1/adjustments";
        var twentyOne = new
        {
            targets = Enumerable.Range(0, 21).Select(i => new { year = 2021 + (i % 5), value = 12000 + i }).ToArray(),
            reason = "评估", documentNumber = "津科规〔2023〕3号", approvedOn = "2023-06-15", adjustedOn = "2023-07-01",
        };
        (await (await client.PostJsonAsync(url, twentyOne)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("targets").Should().Contain(e => e.Contains("at most 20"));

        var day = new DateOnly(2023, 7, 1);
        for (var i = 0; i < 100; i++)
        {
            var on = day.AddDays(i).ToString("yyyy-MM-dd");
            await (await client.PostJsonAsync(url, Adjustment(12000 + i, approvedOn: on, adjustedOn: on))).JsonAsync(HttpStatusCode.Created);
        }

        var more = day.AddDays(100).ToString("yyyy-MM-dd");
        (await (await client.PostJsonAsync(url, Adjustment(13500, approvedOn: more, adjustedOn: more)))
            .ProblemAsync(HttpStatusCode.Conflict, "tooManyAdjustments"))["detail"]!.GetValue<string>().Should().Contain("100");
        var history = await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        history["adjustments"]!.AsArray().Should().HaveCount(100, "the refused one changed nothing");
    }
}
