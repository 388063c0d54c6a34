using System.Net;
using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plans.Api.Plans;

namespace Plans.FunctionalTests;

public class PlanUpdatesTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Patch_with_the_current_etag_changes_only_the_fields_sent_and_moves_the_etag_on()
    {
        var code = await client.CreatePlanAsync();

        var response = await client.PatchAsync($"/api/v1/plans/{code}", new { documentNumber = "津政办发〔2021〕26号", titleEn = (string?)null }, "\"1\"");

        var plan = await response.JsonAsync(HttpStatusCode.OK);
        response.ETag().Should().Be("\"2\"");
        plan["documentNumber"]!.GetValue<string>().Should().Be("津政办发〔2021〕26号");
        plan["titleEn"].Should().BeNull("null in a merge patch clears the field");
        plan["title"]!.GetValue<string>().Should().Be("天津市科技创新\"十四五\"规划");
    }

    [Fact]
    public async Task Patch_without_if_match_is_428()
    {
        var code = await client.CreatePlanAsync();

        await (await client.PatchAsync($"/api/v1/plans/{code}", new { issuer = "x" }, null))
            .ProblemAsync(HttpStatusCode.PreconditionRequired, "preconditionRequired");
    }

    [Fact]
    public async Task Patch_with_a_stale_etag_is_412_and_loses_nothing_stored()
    {
        var code = await client.CreatePlanAsync();
        await (await client.PatchAsync($"/api/v1/plans/{code}", new { issuer = "first writer" }, "\"1\"")).JsonAsync(HttpStatusCode.OK);

        await (await client.PatchAsync($"/api/v1/plans/{code}", new { issuer = "second writer" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");

        var stored = await (await client.GetAsync($"/api/v1/plans/{code}")).JsonAsync(HttpStatusCode.OK);
        stored["issuer"]!.GetValue<string>().Should().Be("first writer");
    }

    [Fact]
    public async Task An_update_whose_plan_changed_after_its_if_match_was_checked_stores_nothing()
    {
        var code = await client.CreatePlanAsync();
        var caller = new ClaimsPrincipal(new ClaimsIdentity());
        using var scope = factory.Services.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var read = await sender.Send(new GetPlan(code, caller, Access.Write));
        await (await client.PatchAsync($"/api/v1/plans/{code}", new { issuer = "first writer" }, "\"1\"")).JsonAsync(HttpStatusCode.OK);

        var stale = () => sender.Send(new UpdatePlan(code, PlanFields.From(read.Resource) with { Issuer = "second writer" }, read.Version, caller)).AsTask();

        await stale.Should().ThrowAsync<DbUpdateConcurrencyException>("its If-Match named version 1");
        var stored = await (await client.GetAsync($"/api/v1/plans/{code}")).JsonAsync(HttpStatusCode.OK);
        stored["issuer"]!.GetValue<string>().Should().Be("first writer");
    }

    [Fact]
    public async Task Patch_that_would_store_an_invalid_plan_is_422()
    {
        var code = await client.CreatePlanAsync();

        var problem = await (await client.PatchAsync($"/api/v1/plans/{code}", new { periodEnd = 2019 }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("periodEnd").Should().NotBeEmpty();
    }

    [Fact]
    public async Task Patch_cannot_change_the_code_the_status_or_system_fields()
    {
        var code = await client.CreatePlanAsync();

        var problem = await (await client.PatchAsync($"/api/v1/plans/{code}", new { code = "OTHER", status = "published", createdAt = "2020-01-01T00:00:00Z" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("code").Should().ContainSingle();
        problem.ErrorsFor("createdAt").Should().Equal("Set by the system.");
        problem.ErrorsFor("status").Single().Should().Contain("/publish");
    }

    [Fact]
    public async Task Patch_refuses_a_parent_that_would_make_a_cycle()
    {
        var parent = await client.CreatePlanAsync();
        var child = Api.UniqueCode("C");
        await (await client.PostJsonAsync("/api/v1/plans", new Dictionary<string, object>
        {
            ["code"] = child, ["title"] = "区规划", ["kind"] = "fiveYearPlan", ["level"] = "district", ["regionCode"] = "120118",
            ["periodStart"] = 2021, ["periodEnd"] = 2025, ["baselineYear"] = 2020, ["parentPlanCode"] = parent,
        })).JsonAsync(HttpStatusCode.Created);

        (await (await client.PatchAsync($"/api/v1/plans/{parent}", new { parentPlanCode = child }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("parentPlanCode").Should().ContainSingle();
    }

    [Fact]
    public async Task A_plan_goes_from_draft_to_published_to_archived_and_no_further()
    {
        var code = await client.CreatePlanAsync();

        var published = await (await client.PostAsync($"/api/v1/plans/{code}/publish", null)).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/v1/plans/{code}/publish", null)).ProblemAsync(HttpStatusCode.Conflict, "invalidStatusTransition");
        var archived = await (await client.PostAsync($"/api/v1/plans/{code}/archive", null)).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/v1/plans/{code}/archive", null)).ProblemAsync(HttpStatusCode.Conflict, "invalidStatusTransition");

        published["status"]!.GetValue<string>().Should().Be("published");
        archived["status"]!.GetValue<string>().Should().Be("archived");
    }

    [Fact]
    public async Task A_status_change_with_a_stale_if_match_is_412()
    {
        var code = await client.CreatePlanAsync();
        await (await client.PatchAsync($"/api/v1/plans/{code}", new { issuer = "x" }, "\"1\"")).JsonAsync(HttpStatusCode.OK);

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/plans/{code}/publish");
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
    }

    [Fact]
    public async Task A_published_plan_keeps_its_text_but_takes_observations()
    {
        var code = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{code}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        await client.PublishAsync(code);

        await (await client.PatchAsync($"/api/v1/plans/{code}", new { title = "改" }, "\"2\""))
            .ProblemAsync(HttpStatusCode.Conflict, "planPublished");
        await (await client.PostJsonAsync($"/api/v1/plans/{code}/indicators", Api.Indicator("I2")))
            .ProblemAsync(HttpStatusCode.Conflict, "planPublished");
        await (await client.PostJsonAsync($"/api/v1/plans/{code}/indicators/I1/observations", new { year = 2021, value = 9200 }))
            .JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_archived_plan_takes_nothing()
    {
        var code = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{code}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{code}/tasks", new { code = "一.1", title = "任务" })).JsonAsync(HttpStatusCode.Created);
        await (await client.PostAsync($"/api/v1/plans/{code}/archive", null)).JsonAsync(HttpStatusCode.OK);

        await (await client.PostJsonAsync($"/api/v1/plans/{code}/indicators/I1/observations", new { year = 2021, value = 9200 }))
            .ProblemAsync(HttpStatusCode.Conflict, "planArchived");
        await (await client.PatchAsync($"/api/v1/plans/{code}/tasks/一.1", new { status = "completed" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.Conflict, "planArchived");
        await (await client.PatchAsync($"/api/v1/plans/{code}/indicators/I1", new { notes = "x" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.Conflict, "planArchived");

        var observations = await (await client.GetAsync($"/api/v1/plans/{code}/indicators/I1/observations?count=true")).JsonAsync(HttpStatusCode.OK);
        observations["totalCount"]!.GetValue<int>().Should().Be(0);
    }
}
