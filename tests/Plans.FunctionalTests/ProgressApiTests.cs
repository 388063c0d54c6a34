using System.Net;

namespace Plans.FunctionalTests;

public class ProgressApiTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Progress_shows_baseline_target_latest_actual_and_status_per_indicator()
    {
        var plan = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I2"))).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/observations", new { year = 2021, value = 8000 })).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/observations", new { year = 2022, value = 9100, note = "市科技局统计" })).JsonAsync(HttpStatusCode.Created);

        var progress = await (await client.GetAsync($"/api/v1/plans/{plan}/progress?figures=latest")).JsonAsync(HttpStatusCode.OK);

        progress["planCode"]!.GetValue<string>().Should().Be(plan);
        progress["asOf"]!.GetValue<string>().Should().Be("2026-11-22", "the service's clock is fixed in these tests");
        var first = progress["indicators"]![0]!;
        first["code"]!.GetValue<string>().Should().Be("I1");
        first["baseline"]!["value"]!.GetValue<decimal>().Should().Be(7420);
        first["target"]!["year"]!.GetValue<int>().Should().Be(2025);
        first["target"]!["value"]!.GetValue<decimal>().Should().Be(11600);
        first["actual"]!["year"]!.GetValue<int>().Should().Be(2022);
        first["actual"]!["value"]!.GetValue<decimal>().Should().Be(9100);
        first["actual"]!["origin"]!.GetValue<string>().Should().Be("manual");
        first["progressPercent"]!.GetValue<decimal>().Should().Be(40.2m);
        first["expectedPercent"]!.GetValue<decimal>().Should().Be(100m);
        first["status"]!.GetValue<string>().Should().Be("onTrack");
        var second = progress["indicators"]![1]!;
        second["actual"].Should().BeNull();
        second["status"]!.GetValue<string>().Should().Be("noData");
    }

    [Fact]
    public async Task Progress_can_be_asked_as_of_an_earlier_date()
    {
        var plan = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/observations", new { year = 2021, value = 8000 })).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/observations", new { year = 2024, value = 11000 })).JsonAsync(HttpStatusCode.Created);

        var progress = await (await client.GetAsync($"/api/v1/plans/{plan}/progress?asOf=2023-01-01&figures=latest")).JsonAsync(HttpStatusCode.OK);

        var indicator = progress["indicators"]![0]!;
        indicator["actual"]!["year"]!.GetValue<int>().Should().Be(2021);
        indicator["expectedPercent"]!.GetValue<decimal>().Should().Be(40.0m);
    }

    [Fact]
    public async Task A_correction_for_the_same_year_replaces_the_actual_and_both_stay_on_record()
    {
        var plan = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/plans/{plan}/indicators/I1/observations";
        await (await client.PostJsonAsync(url, new { year = 2022, value = 9500 })).JsonAsync(HttpStatusCode.Created);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var correction = await client.PostJsonAsync(url, new { year = 2022, value = 9000, note = "更正" });

        var created = await correction.JsonAsync(HttpStatusCode.Created);
        var single = await (await client.GetAsync(correction.Headers.Location!.ToString())).JsonAsync(HttpStatusCode.OK);
        single["note"]!.GetValue<string>().Should().Be("更正");
        created["id"]!.GetValue<long>().Should().Be(single["id"]!.GetValue<long>());
        var progress = await (await client.GetAsync($"/api/v1/plans/{plan}/progress?figures=latest")).JsonAsync(HttpStatusCode.OK);
        progress["indicators"]![0]!["actual"]!["value"]!.GetValue<decimal>().Should().Be(9000);
        var history = await (await client.GetAsync($"{url}?count=true")).JsonAsync(HttpStatusCode.OK);
        history["totalCount"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Rejects_an_observation_before_the_baseline_year_or_without_a_value()
    {
        var plan = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/plans/{plan}/indicators/I1/observations";

        (await (await client.PostJsonAsync(url, new { year = 2018, value = 1 })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("year").Should().ContainSingle();
        (await (await client.PostJsonAsync(url, new { year = 2022 })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("value").Should().ContainSingle();
        await (await client.PostRawAsync(url, "{\"year\":2022,\"value\":\"lots\"}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        await (await client.GetAsync($"{url}/999999")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Progress_of_an_unknown_plan_is_404_and_a_bad_date_is_400()
    {
        await (await client.GetAsync("/api/v1/plans/NOPE/progress")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        var plan = await client.CreatePlanAsync();
        (await (await client.GetAsync($"/api/v1/plans/{plan}/progress?asOf=yesterday")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter"))
            .ErrorsFor("asOf").Should().ContainSingle();
    }
}
