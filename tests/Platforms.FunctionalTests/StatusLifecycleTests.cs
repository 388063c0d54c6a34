using System.Net;

namespace Platforms.FunctionalTests;

public class StatusLifecycleTests(PlatformsApiFactory factory) : IClassFixture<PlatformsApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_platform_goes_from_construction_to_active_suspended_active_and_revoked_with_a_dated_history()
    {
        var id = await client.AccreditIdAsync(Api.Platform("KeyLab", "municipal", approvedOn: "2023-03-01").With("status", "underConstruction"));

        (await (await client.ChangeStatusAsync(id, "active", "2024-06-30", "建设期满验收通过")).JsonAsync(HttpStatusCode.OK))["status"]!
            .GetValue<string>().Should().Be("active");
        await (await client.ChangeStatusAsync(id, "suspended", "2025-07-01", "年度评估不合格，暂停整改")).JsonAsync(HttpStatusCode.OK);
        await (await client.ChangeStatusAsync(id, "active", "2026-01-15", "整改验收通过")).JsonAsync(HttpStatusCode.OK);
        var revoked = await client.ChangeStatusAsync(id, "revoked", null, "依托单位主动申请撤销");
        var body = await revoked.JsonAsync(HttpStatusCode.OK);

        body["status"]!.GetValue<string>().Should().Be("revoked");
        body["statusSince"]!.GetValue<string>().Should().Be("2026-11-22", "without 'on' the change takes effect today (Beijing)");
        revoked.ETag().Should().Be("\"5\"");
        var history = (await (await client.GetAsync($"/api/v1/platforms/{id}/status-history")).JsonAsync(HttpStatusCode.OK)).AsArray();
        history.Select(h => h!["to"]!.GetValue<string>()).Should().Equal("underConstruction", "active", "suspended", "active", "revoked");
        history.Select(h => h!["on"]!.GetValue<string>()).Should().Equal("2023-03-01", "2024-06-30", "2025-07-01", "2026-01-15", "2026-11-22");
        history[0]!["from"].Should().BeNull();
        history[0]!["documentNumber"]!.GetValue<string>().Should().Be("国科发区〔2024〕88号");
        history[2]!["from"]!.GetValue<string>().Should().Be("active");
        history[2]!["reason"]!.GetValue<string>().Should().Be("年度评估不合格，暂停整改");
        var events = await factory.OutboxAsync("PlatformStatusChanged", id);
        events.Select(e => $"{e["previousStatus"]}>{e["status"]}@{e["on"]}").Should().Equal(
            "underConstruction>active@2024-06-30", "active>suspended@2025-07-01", "suspended>active@2026-01-15", "active>revoked@2026-11-22");
        events[^1]["reason"]!.GetValue<string>().Should().Be("依托单位主动申请撤销");
        events.Should().OnlyContain(e => e["approvedOn"]!.GetValue<string>() == "2023-03-01",
            "every status change carries the approval, so a consumer counting platforms approved since a day keeps its copy from it");
    }

    [Theory]
    [InlineData("underConstruction", "suspended")]
    [InlineData("underConstruction", "revoked")]
    [InlineData("active", "active")]
    [InlineData("active", "underConstruction")]
    [InlineData("revoked", "active")]
    [InlineData("revoked", "suspended")]
    public async Task A_status_change_that_skips_the_lifecycle_is_409_and_changes_nothing(string from, string to)
    {
        var id = await client.AccreditIdAsync(Api.Platform("KeyLab", "national", approvedOn: "2020-01-01")
            .With("status", from == "underConstruction" ? "underConstruction" : "active"));
        if (from == "revoked")
        {
            await (await client.ChangeStatusAsync(id, "revoked", "2021-01-01")).JsonAsync(HttpStatusCode.OK);
        }

        var problem = await (await client.ChangeStatusAsync(id, to, "2026-01-01")).ProblemAsync(HttpStatusCode.Conflict, "statusChangeNotAllowed");

        problem["detail"]!.GetValue<string>().Should().Contain($"is {from}").And.Contain($"cannot become {to}");
        (await (await client.GetAsync($"/api/v1/platforms/{id}")).JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().Should().Be(from);
    }

    [Theory]
    [InlineData("2026-11-23", "future")]
    [InlineData("2024-05-19", "since 2024-05-20")]
    public async Task A_status_change_dated_in_the_future_or_before_the_current_status_is_422(string on, string message)
    {
        var id = await client.AccreditIdAsync();

        var problem = await (await client.ChangeStatusAsync(id, "suspended", on)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("on").Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public async Task A_status_change_needs_a_status_and_a_reason()
    {
        var id = await client.AccreditIdAsync();

        var problem = await (await client.PostJsonAsync($"/api/v1/platforms/{id}/status", new { reason = " " }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("status").Should().NotBeEmpty();
        problem.ErrorsFor("reason").Should().NotBeEmpty();
        await (await client.PostJsonAsync($"/api/v1/platforms/{id}/status", new { status = "closed", reason = "x" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
    }

    [Fact]
    public async Task If_match_is_optional_on_a_status_change_but_a_stale_one_is_412()
    {
        var id = await client.AccreditIdAsync();

        await (await client.ChangeStatusAsync(id, "suspended", ifMatch: "\"3\"")).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
        var suspended = await client.ChangeStatusAsync(id, "suspended", ifMatch: "\"1\"");

        suspended.StatusCode.Should().Be(HttpStatusCode.OK);
        suspended.ETag().Should().Be("\"2\"");
        (await client.ChangeStatusAsync(id, "active")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_history_of_an_unknown_platform_is_404()
    {
        await (await client.GetAsync($"/api/v1/platforms/{Guid.NewGuid()}/status-history")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.ChangeStatusAsync(Guid.NewGuid().ToString(), "suspended")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Moving_the_approval_date_moves_an_unchanged_status_and_cannot_pass_a_later_change()
    {
        var fresh = await client.AccreditIdAsync(Api.Platform(approvedOn: "2024-05-20"));
        var moved = await (await client.PatchAsync($"/api/v1/platforms/{fresh}", new { approvedOn = "2024-06-01" }, "\"1\"")).JsonAsync(HttpStatusCode.OK);
        moved["statusSince"]!.GetValue<string>().Should().Be("2024-06-01");

        var changed = await client.AccreditIdAsync(Api.Platform(approvedOn: "2024-05-20"));
        await (await client.ChangeStatusAsync(changed, "suspended", "2025-01-01")).JsonAsync(HttpStatusCode.OK);
        var problem = await (await client.PatchAsync($"/api/v1/platforms/{changed}", new { approvedOn = "2025-06-01" }, "\"2\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        problem.ErrorsFor("approvedOn").Should().ContainSingle().Which.Should().Contain("2025-01-01");
    }
}
