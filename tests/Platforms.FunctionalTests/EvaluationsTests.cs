using System.Net;

namespace Platforms.FunctionalTests;

public class EvaluationsTests(PlatformsApiFactory factory) : IClassFixture<PlatformsApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task An_incubator_is_graded_A_to_D_and_the_evaluation_is_published()
    {
        var id = await client.AccreditIdAsync(Api.Platform("Incubator", "national", approvedOn: "2020-01-01"));

        var response = await client.EvaluateAsync(id, 2025, "b", evaluatedOn: "2026-04-30");
        var outcome = await response.JsonAsync(HttpStatusCode.Created);

        response.Headers.Location!.ToString().Should().Be($"/api/v1/platforms/{id}/evaluations/2025");
        outcome["evaluation"]!["grade"]!.GetValue<string>().Should().Be("B");
        outcome["evaluation"]!["rating"]!.GetValue<string>().Should().Be("good");
        outcome["evaluation"]!["failing"]!.GetValue<bool>().Should().BeFalse();
        outcome["rectificationOpened"].Should().BeNull();
        (await (await client.GetAsync($"/api/v1/platforms/{id}/evaluations/2025")).JsonAsync(HttpStatusCode.OK))["evaluatedOn"]!
            .GetValue<string>().Should().Be("2026-04-30");
        var evaluated = (await factory.OutboxAsync("PlatformEvaluated", id)).Should().ContainSingle().Subject;
        evaluated["grade"]!.GetValue<string>().Should().Be("B");
        evaluated["year"]!.GetValue<int>().Should().Be(2025);
        evaluated["type"]!.GetValue<string>().Should().Be("Incubator");
        evaluated["level"]!.GetValue<string>().Should().Be("national");
        evaluated["evaluationId"]!.GetValue<long>().Should().Be(outcome["evaluation"]!["id"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(95, "excellent")]
    [InlineData(90, "excellent")]
    [InlineData(89.99, "good")]
    [InlineData(65, "good")]
    [InlineData(64.5, "pass")]
    [InlineData(60, "pass")]
    [InlineData(59.99, "fail")]
    public async Task A_scored_type_is_graded_by_the_bands(decimal score, string grade)
    {
        var id = await client.AccreditIdAsync(Api.Platform("EnterpriseTechCenter", "municipal", approvedOn: "2020-01-01"));

        var outcome = await (await client.EvaluateAsync(id, 2025, score: score)).JsonAsync(HttpStatusCode.Created);

        outcome["evaluation"]!["grade"]!.GetValue<string>().Should().Be(grade);
        outcome["evaluation"]!["score"]!.GetValue<decimal>().Should().Be(score);
    }

    [Theory]
    [InlineData("Incubator", "excellent", null, "grade", "A, B, C or D")]
    [InlineData("Incubator", "E", null, "grade", "A, B, C or D")]
    [InlineData("Incubator", null, 95.0, "grade", "A, B, C or D")]
    [InlineData("KeyLab", "A", null, "grade", "excellent, good, pass or fail")]
    [InlineData("KeyLab", null, null, "grade", "excellent, good, pass or fail")]
    [InlineData("EnterpriseTechCenter", "good", null, "score", "a 'score' from 0 to 100")]
    [InlineData("EnterpriseTechCenter", null, null, "score", "a 'score' from 0 to 100")]
    public async Task A_grade_outside_the_type_s_scheme_is_422(string type, string? grade, double? score, string field, string scheme)
    {
        var id = await client.AccreditIdAsync(Api.Platform(type, "national" , approvedOn: "2020-01-01"));

        var problem = await (await client.EvaluateAsync(id, 2025, grade, (decimal?)score)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor(field).Should().ContainSingle().Which.Should().Contain(scheme);
        (await factory.OutboxAsync("PlatformEvaluated", id)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(101)]
    [InlineData(-1)]
    [InlineData(88.555)]
    public async Task A_score_outside_0_to_100_or_finer_than_hundredths_is_422(decimal score)
    {
        var id = await client.AccreditIdAsync(Api.Platform("EnterpriseTechCenter", "municipal", approvedOn: "2020-01-01"));

        var problem = await (await client.EvaluateAsync(id, 2025, score: score)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("score").Should().NotBeEmpty();
    }

    [Fact]
    public async Task Two_evaluations_of_one_platform_for_one_year_are_409()
    {
        var id = await client.AccreditIdAsync(Api.Platform(approvedOn: "2020-01-01"));
        await (await client.EvaluateAsync(id, 2024, "A", evaluatedOn: "2025-03-01")).JsonAsync(HttpStatusCode.Created);

        var problem = await (await client.EvaluateAsync(id, 2024, "B")).ProblemAsync(HttpStatusCode.Conflict, "alreadyEvaluated");

        problem["detail"]!.GetValue<string>().Should().Contain("2024").And.Contain("grade A");
        (await (await client.GetAsync($"/api/v1/platforms/{id}/evaluations")).JsonAsync(HttpStatusCode.OK)).AsArray().Should().ContainSingle();
    }

    [Theory]
    [InlineData("underConstruction")]
    [InlineData("revoked")]
    public async Task Evaluating_a_platform_under_construction_or_revoked_is_409(string status)
    {
        var id = await client.AccreditIdAsync(Api.Platform("KeyLab", "national", approvedOn: "2020-01-01")
            .With("status", status == "revoked" ? "active" : status));
        if (status == "revoked")
        {
            await (await client.ChangeStatusAsync(id, "revoked", "2025-01-01")).JsonAsync(HttpStatusCode.OK);
        }

        var problem = await (await client.EvaluateAsync(id, 2024, "good")).ProblemAsync(HttpStatusCode.Conflict, "platformNotEvaluable");

        problem["detail"]!.GetValue<string>().Should().Contain(status);
    }

    [Theory]
    [InlineData(2019, null, "year", "before the platform was approved")]
    [InlineData(2027, null, "year", "has not begun")]
    [InlineData(2025, "2026-11-23", "evaluatedOn", "future")]
    [InlineData(2025, "2024-12-31", "evaluatedOn", "issued in 2025 or later")]
    public async Task An_evaluation_of_a_year_the_platform_did_not_run_or_dated_wrongly_is_422(int year, string? evaluatedOn, string field, string message)
    {
        var id = await client.AccreditIdAsync(Api.Platform(approvedOn: "2020-06-01"));

        var problem = await (await client.EvaluateAsync(id, year, "A", evaluatedOn: evaluatedOn)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor(field).Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public async Task A_failing_grade_opens_a_rectification_due_within_the_type_s_period_and_a_pass_completes_it()
    {
        var id = await client.AccreditIdAsync(Api.Platform("UniversitySciencePark", "national", approvedOn: "2020-01-01"));

        var failed = await (await client.EvaluateAsync(id, 2024, "fail", evaluatedOn: "2025-03-10")).JsonAsync(HttpStatusCode.Created);
        var passed = await (await client.EvaluateAsync(id, 2025, "pass", evaluatedOn: "2026-03-01")).JsonAsync(HttpStatusCode.Created);

        failed["evaluation"]!["failing"]!.GetValue<bool>().Should().BeTrue();
        failed["rectificationOpened"]!["dueOn"]!.GetValue<string>().Should().Be("2026-03-10");
        failed["rectificationOpened"]!["status"]!.GetValue<string>().Should().Be("open");
        failed["revocationProposed"].Should().BeNull();
        passed["rectificationOpened"].Should().BeNull();
        var rectification = (await (await client.GetAsync($"/api/v1/platforms/{id}/rectifications")).JsonAsync(HttpStatusCode.OK)).AsArray().Single()!;
        rectification["status"]!.GetValue<string>().Should().Be("completed");
        rectification["closedOn"]!.GetValue<string>().Should().Be("2026-03-01");
        (await factory.OutboxAsync("PlatformEvaluated", id)).First()["rectificationOpened"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_second_failure_while_rectifying_proposes_revocation_which_waits_for_a_decision()
    {
        var id = await client.AccreditIdAsync(Api.Platform("Incubator", "municipal", approvedOn: "2020-01-01"));
        await (await client.EvaluateAsync(id, 2024, "D", evaluatedOn: "2025-03-10")).JsonAsync(HttpStatusCode.Created);

        var second = await (await client.EvaluateAsync(id, 2025, "D", evaluatedOn: "2026-03-01")).JsonAsync(HttpStatusCode.Created);

        var proposal = second["revocationProposed"]!;
        proposal["grounds"]!.GetValue<string>().Should().Be("secondFailure");
        proposal["status"]!.GetValue<string>().Should().Be("pending");
        proposal["explanation"]!.GetValue<string>().Should().Contain("2025").And.Contain("2024");
        (await (await client.GetAsync($"/api/v1/platforms/{id}")).JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>()
            .Should().Be("active", "a proposal revokes nothing by itself");
        var rectification = (await (await client.GetAsync($"/api/v1/platforms/{id}/rectifications")).JsonAsync(HttpStatusCode.OK)).AsArray().Single()!;
        rectification["status"]!.GetValue<string>().Should().Be("failed");
        var pending = await (await client.GetAsync("/api/v1/platforms/revocation-proposals?status=pending&pageSize=500")).JsonAsync(HttpStatusCode.OK);
        pending["items"]!.AsArray().Should().Contain(p => p!["platformId"]!.GetValue<string>() == id);
        (await factory.OutboxAsync("PlatformEvaluated", id))[^1]["revocationProposed"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Deciding_to_revoke_revokes_the_platform_through_its_lifecycle_and_is_audited()
    {
        var (id, proposal) = await ProposedAsync();

        var decided = await (await client.PostJsonAsync($"/api/v1/platforms/{id}/revocation-proposals/{proposal}/decision",
            new { decision = "revoke", reason = "连续两年考核不合格", on = "2026-06-01", documentNumber = "津科〔2026〕12号" })).JsonAsync(HttpStatusCode.OK);

        decided["status"]!.GetValue<string>().Should().Be("revoked");
        decided["decidedOn"]!.GetValue<string>().Should().Be("2026-06-01");
        var platform = await (await client.GetAsync($"/api/v1/platforms/{id}")).JsonAsync(HttpStatusCode.OK);
        platform["status"]!.GetValue<string>().Should().Be("revoked");
        platform["statusSince"]!.GetValue<string>().Should().Be("2026-06-01");
        var history = (await (await client.GetAsync($"/api/v1/platforms/{id}/status-history")).JsonAsync(HttpStatusCode.OK)).AsArray();
        history[^1]!["reason"]!.GetValue<string>().Should().Be("连续两年考核不合格");
        history[^1]!["documentNumber"]!.GetValue<string>().Should().Be("津科〔2026〕12号");
        (await factory.OutboxAsync("PlatformStatusChanged", id)).Should().ContainSingle().Which["status"]!.GetValue<string>().Should().Be("revoked");
        var audit = await (await client.GetAsync("/api/v1/audit?resourceType=RevocationProposal&pageSize=500")).JsonAsync(HttpStatusCode.OK);
        audit["items"]!.AsArray().Should().Contain(r => r!["action"]!.GetValue<string>() == "update"
            && r["resourceKey"]!.GetValue<string>().StartsWith(id) && r["changes"]!["status"]!["after"]!.GetValue<string>() == "revoked"
            && r["clientId"]!.GetValue<string>() == "test-client");
    }

    [Fact]
    public async Task Dismissing_leaves_the_platform_and_a_proposal_is_decided_once()
    {
        var (id, proposal) = await ProposedAsync();
        var url = $"/api/v1/platforms/{id}/revocation-proposals/{proposal}/decision";

        var dismissed = await (await client.PostJsonAsync(url, new { decision = "dismiss", reason = "整改已见成效" })).JsonAsync(HttpStatusCode.OK);
        var again = await client.PostJsonAsync(url, new { decision = "revoke", reason = "改变决定" });

        dismissed["status"]!.GetValue<string>().Should().Be("dismissed");
        await again.ProblemAsync(HttpStatusCode.Conflict, "proposalDecided");
        (await (await client.GetAsync($"/api/v1/platforms/{id}")).JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().Should().Be("active");
        (await factory.OutboxAsync("PlatformStatusChanged", id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_decision_needs_a_decision_and_a_reason_and_an_unknown_proposal_is_404()
    {
        var (id, proposal) = await ProposedAsync();

        var problem = await (await client.PostJsonAsync($"/api/v1/platforms/{id}/revocation-proposals/{proposal}/decision", new { on = "2026-06-01" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        problem.ErrorsFor("decision").Should().NotBeEmpty();
        problem.ErrorsFor("reason").Should().NotBeEmpty();
        await (await client.PostJsonAsync($"/api/v1/platforms/{id}/revocation-proposals/{proposal + 1000}/decision",
            new { decision = "revoke", reason = "x" })).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.PostJsonAsync($"/api/v1/platforms/{id}/revocation-proposals/{proposal}/decision",
            new { decision = "revoke", reason = "x", on = "2026-11-23" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
    }

    [Fact]
    public async Task Failing_in_the_year_after_a_failure_proposes_revocation_even_after_a_completed_rectification()
    {
        var id = await client.AccreditIdAsync(Api.Platform("KeyLab", "municipal", approvedOn: "2020-01-01"));
        var first = await (await client.EvaluateAsync(id, 2024, "fail", evaluatedOn: "2025-03-01")).JsonAsync(HttpStatusCode.Created);
        var rectification = first["rectificationOpened"]!["id"]!.GetValue<long>();
        await (await client.PostJsonAsync($"/api/v1/platforms/{id}/rectifications/{rectification}/complete", new { completedOn = "2025-12-01" }))
            .JsonAsync(HttpStatusCode.OK);

        var second = await (await client.EvaluateAsync(id, 2025, "fail", evaluatedOn: "2026-03-01")).JsonAsync(HttpStatusCode.Created);

        second["revocationProposed"]!["grounds"]!.GetValue<string>().Should().Be("secondFailure");
        second["rectificationOpened"].Should().BeNull();
    }

    [Fact]
    public async Task An_overdue_rectification_proposes_revocation_at_the_review_and_cannot_be_completed_late()
    {
        var id = await client.AccreditIdAsync(Api.Platform("KeyLab", "national", approvedOn: "2020-01-01"));
        var failed = await (await client.EvaluateAsync(id, 2024, "fail", evaluatedOn: "2025-06-01")).JsonAsync(HttpStatusCode.Created);
        var rectification = failed["rectificationOpened"]!["id"]!.GetValue<long>();

        var late = await client.PostJsonAsync($"/api/v1/platforms/{id}/rectifications/{rectification}/complete", new { completedOn = "2026-06-02" });
        var review = await (await client.PostAsync("/api/v1/platforms/rectifications/review", null)).JsonAsync(HttpStatusCode.OK);
        var again = await (await client.PostAsync("/api/v1/platforms/rectifications/review", null)).JsonAsync(HttpStatusCode.OK);

        (await late.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("completedOn").Single().Should().Contain("overdue");
        review["overdue"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        again["overdue"]!.GetValue<int>().Should().Be(0, "a rectification becomes overdue once");
        var proposals = (await (await client.GetAsync($"/api/v1/platforms/{id}/revocation-proposals")).JsonAsync(HttpStatusCode.OK)).AsArray();
        proposals.Should().ContainSingle().Which!["grounds"]!.GetValue<string>().Should().Be("rectificationOverdue");
        proposals[0]!["proposedOn"]!.GetValue<string>().Should().Be("2026-06-02");
        var closed = (await (await client.GetAsync($"/api/v1/platforms/{id}/rectifications")).JsonAsync(HttpStatusCode.OK)).AsArray().Single()!;
        closed["status"]!.GetValue<string>().Should().Be("overdue");
        await (await client.PostJsonAsync($"/api/v1/platforms/{id}/rectifications/{rectification}/complete", new { completedOn = "2026-05-01" }))
            .ProblemAsync(HttpStatusCode.Conflict, "rectificationClosed");
    }

    [Fact]
    public async Task The_review_is_for_admins_only()
    {
        var writer = factory.ClientWith(PlatformsApiFactory.Issuer.Token("platforms.read platforms.write"));

        (await writer.PostAsync("/api/v1/platforms/rectifications/review", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>A platform with a pending proposal from two failing years.</summary>
    private async Task<(string Id, long Proposal)> ProposedAsync()
    {
        var id = await client.AccreditIdAsync(Api.Platform("MakerSpace", "municipal", approvedOn: "2020-01-01"));
        await (await client.EvaluateAsync(id, 2024, "D", evaluatedOn: "2025-03-10")).JsonAsync(HttpStatusCode.Created);
        var second = await (await client.EvaluateAsync(id, 2025, "D", evaluatedOn: "2026-03-01")).JsonAsync(HttpStatusCode.Created);
        return (id, second["revocationProposed"]!["id"]!.GetValue<long>());
    }
}
