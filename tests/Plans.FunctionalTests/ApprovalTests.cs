using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>
/// Yearly figures are entered, submitted by the reporting unit, approved (and so locked) by the plan's
/// owner, and reopened only by an administrator with a reason; progress counts approved figures.
/// </summary>
public class ApprovalTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private const string Jinghai = "120118";
    private readonly HttpClient admin = factory.CreateClient();
    private readonly HttpClient reporter = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: Jinghai, clientId: "jinghai-statistics"));
    private readonly HttpClient owner = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: Jinghai, clientId: "jinghai-sti-bureau"));

    /// <summary>A published Jinghai plan with indicator I1 (7420 in 2020 → 11600 in 2025), and a figure for 2022 entered by the reporter.</summary>
    private async Task<(string Plan, string Url, long Id)> EnteredFigureAsync()
    {
        var plan = await admin.CreatePlanAsync(regionCode: Jinghai, level: "district");
        await (await admin.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1", metric: ""))).JsonAsync(HttpStatusCode.Created);
        await admin.PublishAsync(plan);
        var url = $"/api/v1/plans/{plan}/indicators/I1/observations";
        var entered = await (await reporter.PostJsonAsync(url, new { year = 2022, value = 9000 })).JsonAsync(HttpStatusCode.Created);
        entered["status"]!.GetValue<string>().Should().Be("draft");
        return (plan, url, entered["id"]!.GetValue<long>());
    }

    private async Task<JsonNode> ApprovedAsync(string url, long id)
    {
        await (await reporter.PostAsync($"{url}/{id}/submit", null)).JsonAsync(HttpStatusCode.OK);
        return await (await owner.PostAsync($"{url}/{id}/approve", null)).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Progress_counts_a_figure_once_approved_and_shows_the_latest_unapproved_one_on_request()
    {
        var (plan, url, id) = await EnteredFigureAsync();

        (await admin.ProgressOfAsync(plan, "I1"))["actual"].Should().BeNull("a draft is not counted");
        var latest = await admin.ProgressOfAsync(plan, "I1", latest: true);
        latest["actual"]!["value"]!.GetValue<decimal>().Should().Be(9000);
        latest["actual"]!["status"]!.GetValue<string>().Should().Be("draft");
        var submitted = await (await reporter.PostAsync($"{url}/{id}/submit", null)).JsonAsync(HttpStatusCode.OK);
        submitted["submittedBy"]!.GetValue<string>().Should().Be("jinghai-statistics");
        (await admin.ProgressOfAsync(plan, "I1"))["actual"].Should().BeNull("a submitted figure is not counted either");
        var approved = await (await owner.PostAsync($"{url}/{id}/approve", null)).JsonAsync(HttpStatusCode.OK);
        approved["status"]!.GetValue<string>().Should().Be("approved");
        approved["approvedBy"]!.GetValue<string>().Should().Be("jinghai-sti-bureau");
        var counted = await admin.ProgressOfAsync(plan, "I1");
        counted["actual"]!["value"]!.GetValue<decimal>().Should().Be(9000);
        counted["actual"]!["status"]!.GetValue<string>().Should().Be("approved");
        await (await admin.GetAsync($"/api/v1/plans/{plan}/progress?figures=all")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    [Fact]
    public async Task A_locked_figure_refuses_a_change_and_accepts_one_after_an_audited_unapproval()
    {
        var (plan, url, id) = await EnteredFigureAsync();
        await ApprovedAsync(url, id);

        await (await reporter.PostJsonAsync(url, new { year = 2022, value = 9100, note = "更正" })).ProblemAsync(HttpStatusCode.Conflict, "figureLocked");
        (await admin.PostJsonAsync($"{url}/{id}/unapprove", new { reason = "" })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await owner.PostJsonAsync($"{url}/{id}/unapprove", new { reason = "统计口径更正" })).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "unapproving is an administrator's action");
        var reopened = await (await admin.PostJsonAsync($"{url}/{id}/unapprove", new { reason = "统计口径更正" })).JsonAsync(HttpStatusCode.OK);
        var corrected = await reporter.PostJsonAsync(url, new { year = 2022, value = 9100, note = "更正" });

        reopened["status"]!.GetValue<string>().Should().Be("submitted");
        reopened["unapprovalReason"]!.GetValue<string>().Should().Be("统计口径更正");
        await corrected.JsonAsync(HttpStatusCode.Created);
        (await admin.ProgressOfAsync(plan, "I1"))["actual"].Should().BeNull("nothing for the year is approved any more");
        var trail = (await (await admin.GetAsync($"/api/v1/audit/plans?resourceType=Observation")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
        var unapprovals = trail.Select(r => r!).Where(r => r["changes"]?["unapprovalReason"]?["after"] is not null).ToList();
        unapprovals.Should().ContainSingle("the unapproval is audited with who, the reason and the status it reverted to");
        unapprovals[0]["changes"]!["unapprovalReason"]!["after"]!.GetValue<string>().Should().Be("统计口径更正");
        unapprovals[0]["changes"]!["status"]!["after"]!.GetValue<string>().Should().BeEquivalentTo("submitted");
        unapprovals[0]["clientId"]!.GetValue<string>().Should().Be("test-client");
        await (await reporter.PostJsonAsync(url, new { year = 2023, value = 9500 })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Approving_one_s_own_submission_or_a_figure_not_submitted_is_refused()
    {
        var (_, url, id) = await EnteredFigureAsync();

        await (await owner.PostAsync($"{url}/{id}/approve", null)).ProblemAsync(HttpStatusCode.Conflict, "invalidApprovalTransition");
        await (await reporter.PostAsync($"{url}/{id}/submit", null)).JsonAsync(HttpStatusCode.OK);
        await (await reporter.PostAsync($"{url}/{id}/submit", null)).ProblemAsync(HttpStatusCode.Conflict, "invalidApprovalTransition");
        await (await reporter.PostAsync($"{url}/{id}/approve", null)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await owner.PostAsync($"{url}/999999/approve", null)).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        (await factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: "120110", clientId: "dongli"))
            .PostAsync($"{url}/{id}/approve", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "another district's bureau does not own the plan");
        (await (await owner.PostAsync($"{url}/{id}/approve", null)).JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().Should().Be("approved");
    }
}
