using System.Net;

namespace Plans.FunctionalTests;

/// <summary>A published plan's key tasks change only through an approved adjustment, which keeps what the document printed.</summary>
public class TaskAdjustmentsApiTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private const string Task = "三.(一).2";
    private readonly HttpClient client = factory.CreateClient();

    private static object Adjustment(int? dueYear = 2024, string? reason = "中期评估：提前完成", string? documentNumber = "东科〔2023〕8号",
        string adjustedOn = "2023-03-01", object? leadUnits = null) => new
    {
        dueYear,
        leadUnits,
        reason,
        documentNumber,
        approvedOn = "2023-02-20",
        adjustedOn,
    };

    private async Task<string> PublishedPlanWithTaskAsync()
    {
        var plan = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/tasks", new
        {
            code = Task, title = "建设大学科技园", leadUnits = new[] { "区科技局" }, responsibleUnits = new[] { "区发改委" }, dueYear = 2025,
        })).JsonAsync(HttpStatusCode.Created);
        await client.PublishAsync(plan);
        return plan;
    }

    private static string Url(string plan, string suffix = "/adjustments") => $"/api/v1/plans/{plan}/tasks/{Uri.EscapeDataString(Task)}{suffix}";

    [Fact]
    public async Task A_published_task_changes_by_an_adjustment_that_keeps_the_document_s_wording()
    {
        var plan = await PublishedPlanWithTaskAsync();
        var patched = await client.PatchAsync(Url(plan, ""), new { dueYear = 2024 }, "\"1\"");

        var adjusted = await (await client.PostJsonAsync(Url(plan), Adjustment(leadUnits: new[] { "区工信局" }))).JsonAsync(HttpStatusCode.Created);

        await patched.ProblemAsync(HttpStatusCode.Conflict, "planPublished");
        adjusted["changes"]!["before"]!["dueYear"]!.GetValue<int>().Should().Be(2025);
        adjusted["changes"]!["after"]!["dueYear"]!.GetValue<int>().Should().Be(2024);
        adjusted["changes"]!["after"]!["leadUnits"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal("区工信局");
        adjusted["changes"]!["after"]!["responsibleUnits"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal("区发改委");
        var task = await (await client.GetAsync(Url(plan, ""))).JsonAsync(HttpStatusCode.OK);
        task["dueYear"]!.GetValue<int>().Should().Be(2024);
        var history = await (await factory.ClientWith(null).GetAsync(Url(plan))).JsonAsync(HttpStatusCode.OK);
        history["original"]!["dueYear"]!.GetValue<int>().Should().Be(2025);
        history["original"]!["leadUnits"]![0]!.GetValue<string>().Should().Be("区科技局");
        history["current"]!["dueYear"]!.GetValue<int>().Should().Be(2024);
        history["adjustments"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task A_task_adjustment_without_a_reason_or_number_or_outside_the_period_or_changing_nothing_is_refused()
    {
        var plan = await PublishedPlanWithTaskAsync();

        var noReason = await (await client.PostJsonAsync(Url(plan), Adjustment(reason: ""))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var noNumber = await (await client.PostJsonAsync(Url(plan), Adjustment(documentNumber: null))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var late = await (await client.PostJsonAsync(Url(plan), Adjustment(dueYear: 2027))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var future = await (await client.PostJsonAsync(Url(plan), Adjustment(adjustedOn: "2026-12-01"))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var same = await (await client.PostJsonAsync(Url(plan), Adjustment(dueYear: 2025))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        noReason.ErrorsFor("reason").Should().NotBeEmpty();
        noNumber.ErrorsFor("documentNumber").Should().NotBeEmpty();
        late.ErrorsFor("dueYear").Single().Should().Contain("2021 to 2025");
        future.ErrorsFor("adjustedOn").Should().Contain(e => e.Contains("taken effect"), "the service's clock stands at 2026-11-22")
            .And.Contain(e => e.Contains("2021 to 2025"));
        same.ErrorsFor("task").Single().Should().Contain("already");
        (await (await client.GetAsync(Url(plan))).JsonAsync(HttpStatusCode.OK))["adjustments"]!.AsArray().Should().BeEmpty();
    }
}
