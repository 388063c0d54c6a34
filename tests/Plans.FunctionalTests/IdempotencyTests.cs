using System.Net;

namespace Plans.FunctionalTests;

public class IdempotencyTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_returns_the_first_answer_and_creates_nothing_more()
    {
        var code = Api.UniqueCode("IDEM");
        var key = Guid.NewGuid().ToString();

        var first = await client.PostJsonAsync("/api/v1/plans", Api.Plan(code), key);
        var retry = await client.PostJsonAsync("/api/v1/plans", Api.Plan(code), key);

        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created, "a replay is the first answer, not a 409");
        (await retry.Content.ReadAsStringAsync()).Should().Be(firstBody);
        retry.Headers.Location.Should().Be(first.Headers.Location);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        var stored = await client.GetAsync($"/api/v1/plans/{code}");
        stored.StatusCode.Should().Be(HttpStatusCode.OK);
        stored.ETag().Should().Be("\"1\"", "the replay did not touch the stored plan");
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422()
    {
        var key = Guid.NewGuid().ToString();
        await (await client.PostJsonAsync("/api/v1/plans", Api.Plan(Api.UniqueCode("A")), key)).JsonAsync(HttpStatusCode.Created);

        await (await client.PostJsonAsync("/api/v1/plans", Api.Plan(Api.UniqueCode("B")), key))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotencyKeyReused");
    }

    [Fact]
    public async Task A_failed_attempt_is_not_remembered_so_a_corrected_retry_can_succeed()
    {
        var key = Guid.NewGuid().ToString();
        var code = Api.UniqueCode("R");
        await (await client.PostJsonAsync($"/api/v1/plans/{code}/indicators", Api.Indicator("I1"), key))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await client.CreatePlanAsync(code);

        await (await client.PostJsonAsync($"/api/v1/plans/{code}/indicators", Api.Indicator("I1"), key)).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Observations_posted_twice_with_one_key_are_recorded_once()
    {
        var code = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{code}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        var key = Guid.NewGuid().ToString();

        await client.PostJsonAsync($"/api/v1/plans/{code}/indicators/I1/observations", new { year = 2022, value = 9100 }, key);
        await client.PostJsonAsync($"/api/v1/plans/{code}/indicators/I1/observations", new { year = 2022, value = 9100 }, key);

        var list = await (await client.GetAsync($"/api/v1/plans/{code}/indicators/I1/observations?count=true")).JsonAsync(HttpStatusCode.OK);
        list["totalCount"]!.GetValue<int>().Should().Be(1);
    }
}
