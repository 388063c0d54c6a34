using System.Net;

namespace Plans.FunctionalTests;

public class IndicatorsApiTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Creates_an_indicator_with_milestones_and_qualifiers()
    {
        var plan = await client.CreatePlanAsync(regionCode: "120110", level: "district");

        var response = await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", new
        {
            code = "T1-03", name = "高新技术企业数量", unit = "家", measure = "stock", direction = "increase",
            baseline = new { year = 2020, value = 380 },
            targets = new object[] { new { year = 2022, value = 500, qualifier = "atLeast" }, new { year = 2021, value = 440 } },
        });

        var indicator = await response.JsonAsync(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/api/v1/plans/{plan}/indicators/T1-03");
        var targets = indicator["targets"]!.AsArray();
        targets.Select(t => t!["year"]!.GetValue<int>()).Should().Equal(2021, 2022);
        targets[1]!["qualifier"]!.GetValue<string>().Should().Be("atLeast");
        targets[0]!["qualifier"].Should().BeNull();
        indicator["baseline"]!["value"]!.GetValue<decimal>().Should().Be(380);
    }

    [Fact]
    public async Task Rejects_targets_that_break_the_rules()
    {
        var plan = await client.CreatePlanAsync();

        var response = await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", new
        {
            code = "BAD", name = "n", unit = "家", measure = "stock", direction = "increase",
            baseline = new { year = 2020, value = 1 },
            targets = new object[] { new { year = 2020, value = 2 }, new { year = 2020, value = 3 } },
            metric = "enterprises.qualified.Unicorn",
        });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        problem.ErrorsFor("targets").Should().Contain("Each target must be for a different year.")
            .And.Contain("Every target year must be after the baseline year.");
        problem.ErrorsFor("metric").Single().Should().Contain("enterprises.qualified.{Type}");
    }

    [Fact]
    public async Task Errors_of_the_baseline_name_the_baseline_s_fields()
    {
        var plan = await client.CreatePlanAsync();

        var response = await client.PostRawAsync($"/api/v1/plans/{plan}/indicators",
            "{\"code\":\"B\",\"name\":\"n\",\"measure\":\"stock\",\"direction\":\"increase\",\"baseline\":{\"value\":0.00001},\"targets\":[{\"year\":2025,\"value\":1}]}");

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        problem.ErrorsFor("baseline.year").Should().NotBeEmpty();
        problem.ErrorsFor("baseline.value").Should().NotBeEmpty();
        problem["errors"]!["year"].Should().BeNull("a bare 'year' would not say which year");
    }

    [Fact]
    public async Task Rejects_an_indicator_without_targets_or_with_an_incomplete_target()
    {
        var plan = await client.CreatePlanAsync();

        var none = await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", new
        {
            code = "A", name = "n", unit = "家", measure = "stock", direction = "increase", targets = Array.Empty<object>(),
        });
        var incomplete = await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", new
        {
            code = "B", name = "n", unit = "家", measure = "stock", direction = "increase", targets = new[] { new { year = 2025 } },
        });

        (await none.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("targets").Should().NotBeEmpty();
        (await incomplete.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("targets[0].value").Should().NotBeEmpty();
    }

    [Fact]
    public async Task Rejects_a_duplicate_indicator_code_in_the_same_plan_but_not_in_another()
    {
        var first = await client.CreatePlanAsync();
        var second = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{first}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);

        await (await client.PostJsonAsync($"/api/v1/plans/{first}/indicators", Api.Indicator("I1"))).ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");
        await (await client.PostJsonAsync($"/api/v1/plans/{second}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Indicators_of_an_unknown_plan_are_404()
    {
        await (await client.GetAsync("/api/v1/plans/NOPE/indicators")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.PostJsonAsync("/api/v1/plans/NOPE/indicators", Api.Indicator("I1"))).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task A_published_indicator_takes_annotations_but_not_a_new_target()
    {
        var plan = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1", metric: ""))).JsonAsync(HttpStatusCode.Created);
        await client.PublishAsync(plan);

        var annotated = await client.PatchAsync($"/api/v1/plans/{plan}/indicators/I1", new { metric = "enterprises.qualified.HighTech", notes = "按备案口径" }, "\"1\"");
        var retargeted = await client.PatchAsync($"/api/v1/plans/{plan}/indicators/I1", new { targets = new[] { new { year = 2025, value = 12000 } } }, "\"2\"");

        (await annotated.JsonAsync(HttpStatusCode.OK))["metric"]!.GetValue<string>().Should().Be("enterprises.qualified.HighTech");
        await retargeted.ProblemAsync(HttpStatusCode.Conflict, "planPublished");
        var stored = await (await client.GetAsync($"/api/v1/plans/{plan}/indicators/I1")).JsonAsync(HttpStatusCode.OK);
        stored["targets"]![0]!["value"]!.GetValue<decimal>().Should().Be(11600);
    }

    [Fact]
    public async Task Assessment_attributes_are_fields_that_filter_the_list_and_are_fixed_once_published()
    {
        var plan = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", new
        {
            code = "RD", name = "全社会R&D投入占GDP的比重", unit = "%", measure = "share", direction = "increase",
            nature = "binding", municipalOutlineIndicator = true, municipalPerformanceIndicator = true,
            baseline = new { year = 2020, value = 2.62 }, targets = new[] { new { year = 2025, value = 3.3 } },
        })).JsonAsync(HttpStatusCode.Created);
        var plain = await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I2", metric: ""))).JsonAsync(HttpStatusCode.Created);
        await client.PublishAsync(plan);

        plain["nature"].Should().BeNull();
        plain["municipalOutlineIndicator"]!.GetValue<bool>().Should().BeFalse();
        (await CodesAsync($"/api/v1/plans/{plan}/indicators?nature=binding")).Should().Equal("RD");
        (await CodesAsync($"/api/v1/plans/{plan}/indicators?nature=Expected")).Should().BeEmpty();
        (await CodesAsync($"/api/v1/plans/{plan}/indicators?municipalPerformanceIndicator=true")).Should().Equal("RD");
        (await CodesAsync($"/api/v1/plans/{plan}/indicators?municipalOutlineIndicator=false")).Should().Equal("I2");
        var bad = await (await client.GetAsync($"/api/v1/plans/{plan}/indicators?nature=mandatory")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        bad.ErrorsFor("nature").Single().Should().Contain("binding").And.Contain("expected");
        (await client.GetAsync($"/api/v1/plans/{plan}/indicators?municipalOutlineIndicator=perhaps")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var reclassed = await client.PatchAsync($"/api/v1/plans/{plan}/indicators/I2", new { nature = "binding" }, "\"1\"");
        await reclassed.ProblemAsync(HttpStatusCode.Conflict, "planPublished");
    }

    [Fact]
    public async Task An_unknown_nature_in_a_body_is_refused()
    {
        var plan = await client.CreatePlanAsync();

        var response = await client.PostRawAsync($"/api/v1/plans/{plan}/indicators",
            "{\"code\":\"B\",\"name\":\"n\",\"measure\":\"stock\",\"direction\":\"increase\",\"nature\":\"约束性\",\"targets\":[{\"year\":2025,\"value\":1}]}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private async Task<List<string>> CodesAsync(string url) =>
        (await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Rejects_null_list_items_figures_out_of_range_and_nul_characters_without_a_500()
    {
        var plan = await client.CreatePlanAsync();
        var url = $"/api/v1/plans/{plan}/indicators";

        var nullTarget = await client.PostRawAsync(url, "{\"code\":\"N1\",\"name\":\"n\",\"measure\":\"stock\",\"direction\":\"increase\",\"targets\":[null]}");
        var nullFlag = await client.PostRawAsync(url, "{\"code\":\"N2\",\"name\":\"n\",\"measure\":\"stock\",\"direction\":\"increase\",\"targets\":[{\"year\":2025,\"value\":1}],\"flags\":[null]}");
        var huge = await client.PostRawAsync(url, "{\"code\":\"N3\",\"name\":\"n\",\"measure\":\"stock\",\"direction\":\"increase\",\"targets\":[{\"year\":2025,\"value\":1e27}]}");
        var nul = await client.PostRawAsync(url, "{\"code\":\"N4\",\"name\":\"a\\u0000b\",\"measure\":\"stock\",\"direction\":\"increase\",\"targets\":[{\"year\":2025,\"value\":1}]}");

        (await nullTarget.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("targets[0]").Should().NotBeEmpty();
        (await nullFlag.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("flags[0]").Should().NotBeEmpty();
        (await huge.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("targets[0].value").Should().NotBeEmpty();
        (await nul.ProblemAsync(HttpStatusCode.BadRequest, "invalidJson")).ErrorsFor("name").Should().Equal("NUL characters are not allowed.");
        var stored = await (await client.GetAsync($"{url}?count=true")).JsonAsync(HttpStatusCode.OK);
        stored["totalCount"]!.GetValue<int>().Should().Be(0, "nothing half-stored");
    }
}
