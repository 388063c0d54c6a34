using System.Net;

namespace Plans.FunctionalTests;

/// <summary>
/// The authorization matrix: every write endpoint with no token, a token without the scope, a token
/// for another region, an expired token, a tampered token, and the right token.
/// </summary>
public class AccessControlTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private const string Jinghai = "120118";
    private const string Dongli = "120110";
    private readonly HttpClient admin = factory.CreateClient();

    public static TheoryData<string> WriteEndpoints =>
    [
        "create plan", "update plan", "publish plan", "archive plan", "create indicator", "update indicator",
        "record observation", "create task", "update task",
    ];

    /// <summary>A fresh Jinghai draft with an indicator and a task, and the call under test against it.</summary>
    private async Task<Func<HttpClient, Task<HttpResponseMessage>>> ArrangeAsync(string endpoint)
    {
        var plan = await admin.CreatePlanAsync(regionCode: Jinghai, level: "district");
        await (await admin.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync($"/api/v1/plans/{plan}/tasks", new { code = "一.1", title = "任务" })).JsonAsync(HttpStatusCode.Created);
        return endpoint switch
        {
            "create plan" => c => c.PostJsonAsync("/api/v1/plans", Api.Plan(Api.UniqueCode("N"), Jinghai, "district")),
            "update plan" => c => c.PatchAsync($"/api/v1/plans/{plan}", new { issuer = "静海区人民政府" }, "\"1\""),
            "publish plan" => c => c.PostAsync($"/api/v1/plans/{plan}/publish", null),
            "archive plan" => c => c.PostAsync($"/api/v1/plans/{plan}/archive", null),
            "create indicator" => c => c.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator(Api.UniqueCode("I"))),
            "update indicator" => c => c.PatchAsync($"/api/v1/plans/{plan}/indicators/I1", new { notes = "n" }, "\"1\""),
            "record observation" => c => c.PostJsonAsync($"/api/v1/plans/{plan}/indicators/I1/observations", new { year = 2021, value = 300 }),
            "create task" => c => c.PostJsonAsync($"/api/v1/plans/{plan}/tasks", new { code = Api.UniqueCode("T"), title = "任务" }),
            "update task" => c => c.PatchAsync($"/api/v1/plans/{plan}/tasks/{Uri.EscapeDataString("一.1")}", new { status = "inProgress" }, "\"1\""),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };
    }

    [Theory]
    [MemberData(nameof(WriteEndpoints))]
    public async Task A_write_needs_a_valid_token_with_the_scope_for_the_record_s_region(string endpoint)
    {
        var call = await ArrangeAsync(endpoint);
        var valid = PlansApiFactory.Issuer.Token("plans.read plans.write", region: Jinghai);
        var tampered = valid[..^4] + (valid[^4] == 'A' ? "BBBB" : "AAAA");

        (await call(factory.ClientWith(null))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no token");
        (await call(factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read", region: Jinghai)))).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "no plans.write scope");
        await (await call(factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: Dongli))))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await call(factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: Jinghai, expires: DateTime.UtcNow.AddMinutes(-5)))))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "expired");
        (await call(factory.ClientWith(tampered))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "tampered signature");
        (await call(factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", audience: "another-api")))).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "wrong audience");

        var allowed = await call(factory.ClientWith(valid));
        ((int)allowed.StatusCode).Should().BeInRange(200, 299, await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_municipal_client_writes_in_every_district()
    {
        var municipal = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: "120000"));

        await (await municipal.PostJsonAsync("/api/v1/plans", Api.Plan(Api.UniqueCode("M"), Jinghai, "district"))).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Unauthenticated_answers_are_problem_details_with_a_bearer_challenge()
    {
        var response = await factory.ClientWith(null).PostJsonAsync("/api/v1/plans", Api.Plan(Api.UniqueCode("X")));

        await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        response.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Anyone_may_read_a_published_plan_and_its_indicators_tasks_and_progress()
    {
        var plan = await admin.CreatePlanAsync(regionCode: Jinghai, level: "district");
        await (await admin.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        await admin.PublishAsync(plan);
        var anonymous = factory.ClientWith(null);

        foreach (var path in new[] { "", "/indicators", "/indicators/I1", "/indicators/I1/observations", "/tasks", "/progress" })
        {
            (await anonymous.GetAsync($"/api/v1/plans/{plan}{path}")).StatusCode.Should().Be(HttpStatusCode.OK, path);
        }

        (await anonymous.GetAsync("/api/v1/regions")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_draft_is_hidden_from_anonymous_callers_and_from_other_regions()
    {
        var draft = await admin.CreatePlanAsync(regionCode: Jinghai, level: "district");
        var published = await admin.CreatePlanAsync(regionCode: Jinghai, level: "district");
        await admin.PublishAsync(published);
        var anonymous = factory.ClientWith(null);

        await (await anonymous.GetAsync($"/api/v1/plans/{draft}")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.GetAsync($"/api/v1/plans/{draft}/progress")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read", region: Dongli)).GetAsync($"/api/v1/plans/{draft}"))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read", region: Jinghai)).GetAsync($"/api/v1/plans/{draft}"))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read admin", region: Dongli)).GetAsync($"/api/v1/plans/{draft}"))
            .StatusCode.Should().Be(HttpStatusCode.OK, "admin reads across regions");

        var anonymousList = await (await anonymous.GetAsync("/api/v1/plans?pageSize=500")).JsonAsync(HttpStatusCode.OK);
        anonymousList["items"]!.AsArray().Should().OnlyContain(p => p!["status"]!.GetValue<string>() != "draft");
        anonymousList["items"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).Should().NotContain(draft)
            .And.Contain(published, "the list is not simply empty");
        var dongliList = await (await factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read", region: Dongli)).GetAsync("/api/v1/plans?pageSize=500")).JsonAsync(HttpStatusCode.OK);
        dongliList["items"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).Should().NotContain(draft)
            .And.Contain(published, "Jinghai's published plans are public");
    }

    [Fact]
    public async Task Loading_seeds_on_demand_needs_admin()
    {
        (await factory.ClientWith(null).PostAsync("/api/v1/seeds/load", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write")).PostAsync("/api/v1/seeds/load", null))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.PostAsync("/api/v1/seeds/load", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

/// <summary>Tokens of a second, independent issuer: accepted only where that issuer is configured.</summary>
public class SecondIssuerTests
{
    [Fact]
    public async Task Tokens_of_an_issuer_that_is_not_configured_are_rejected()
    {
        await using var factory = new PlansApiFactory();

        var response = await factory.ClientWith(PlansApiFactory.SecondIssuer.Token()).PostJsonAsync("/api/v1/plans", Api.Plan(Api.UniqueCode("S")));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tokens_of_a_configured_second_issuer_are_accepted_beside_the_first()
    {
        await using var factory = new PlansApiFactory { TrustSecondIssuer = true };

        var second = await factory.ClientWith(PlansApiFactory.SecondIssuer.Token()).PostJsonAsync("/api/v1/plans", Api.Plan(Api.UniqueCode("S")));
        var first = await factory.ClientWith(PlansApiFactory.Issuer.Token()).PostJsonAsync("/api/v1/plans", Api.Plan(Api.UniqueCode("F")));

        second.StatusCode.Should().Be(HttpStatusCode.Created);
        first.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
