using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Plans.FunctionalTests;

public sealed class RegisterAuthorityApiTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static object Body(bool authoritative = true, string? since = "2026-01-01") => new { authoritative, since };

    [Fact]
    public async Task A_region_without_a_statement_is_not_authoritative()
    {
        var body = await (await client.GetAsync("/api/v1/regions/120119/registers/talent")).JsonAsync(HttpStatusCode.OK);

        body["regionCode"]!.GetValue<string>().Should().Be("120119");
        body["register"]!.GetValue<string>().Should().Be("talent");
        body["authoritative"]!.GetValue<bool>().Should().BeFalse();
        body["since"].Should().BeNull();
        body["effective"]!["authoritative"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task A_statement_for_the_municipality_holds_for_the_districts_below_it()
    {
        var put = await client.PutAsJsonAsync("/api/v1/regions/120000/registers/platforms", Body());
        var body = await put.JsonAsync(HttpStatusCode.OK);
        body["authoritative"]!.GetValue<bool>().Should().BeTrue();
        body["since"]!.GetValue<string>().Should().Be("2026-01-01");
        put.Headers.ETag.Should().NotBeNull();

        var district = await (await client.GetAsync("/api/v1/regions/120118/registers/platforms")).JsonAsync(HttpStatusCode.OK);
        district["authoritative"]!.GetValue<bool>().Should().BeFalse("Jinghai made no statement of its own");
        district["effective"]!["authoritative"]!.GetValue<bool>().Should().BeTrue();
        district["effective"]!["regionCode"]!.GetValue<string>().Should().Be("120000");
        district["effective"]!["since"]!.GetValue<string>().Should().Be("2026-01-01");
    }

    [Fact]
    public async Task A_statement_dated_after_today_is_not_yet_in_force()
    {
        var body = await (await client.PutAsJsonAsync("/api/v1/regions/120117/registers/talent", Body(since: "2027-01-01")))
            .JsonAsync(HttpStatusCode.OK);

        body["authoritative"]!.GetValue<bool>().Should().BeTrue();
        body["effective"]!["authoritative"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Marking_the_register_authoritative_records_its_current_counts_at_once()
    {
        var plan = await client.CreateBoundPlanAsync("120115");

        await client.SetAuthorityAsync("120115", true, "2026-01-01");

        var progress = await client.ProgressOfAsync(plan);
        progress["actual"]!["value"]!.GetValue<decimal>().Should().Be(0, "the register, declared complete, holds no Baodi enterprise");
        progress["actual"]!["source"]!.GetValue<string>().Should().Be("register:enterprises");
        progress["metricStatus"]!.GetValue<string>().Should().Be("live");

        await client.SetAuthorityAsync("120115", true, "2026-01-01");
        (await client.ObservationsAsync(plan)).Should().HaveCount(1, "the same statement again changes nothing");
    }

    [Fact]
    public async Task Unknown_region_is_404()
    {
        var response = await client.PutAsJsonAsync("/api/v1/regions/129999/registers/enterprises", Body());
        await response.ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.GetAsync("/api/v1/regions/129999/registers/enterprises")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Unknown_register_is_400()
    {
        var problem = await (await client.PutAsJsonAsync("/api/v1/regions/120000/registers/universities", Body()))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        problem.ErrorsFor("register").Single().Should().Contain("enterprises");
    }

    [Fact]
    public async Task A_statement_needs_authoritative()
    {
        var problem = await (await client.PutAsJsonAsync("/api/v1/regions/120000/registers/enterprises", new { since = "2026-01-01" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        problem.ErrorsFor("authoritative").Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_stale_If_Match_is_412()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/regions/120112/registers/talent") { Content = JsonContent.Create(Body()) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));

        await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
    }

    [Fact]
    public async Task Only_an_admin_changes_a_statement()
    {
        var writer = factory.ClientWith(ServiceApiFactory<Program>.Issuer.Token("plans.read plans.write"));
        await (await writer.PutAsJsonAsync("/api/v1/regions/120000/registers/enterprises", Body()))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var regionalAdmin = factory.ClientWith(ServiceApiFactory<Program>.Issuer.Token(TestIssuer.AllScopes, region: "120110"));
        await (await regionalAdmin.PutAsJsonAsync("/api/v1/regions/120118/registers/enterprises", Body()))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var anonymous = factory.ClientWith(null);
        await (await anonymous.PutAsJsonAsync("/api/v1/regions/120000/registers/enterprises", Body()))
            .ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.GetAsync("/api/v1/regions/120000/registers/enterprises"))
            .ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Reconciling_without_a_configured_register_is_409()
    {
        await (await client.PostAsync("/api/v1/registers/enterprises/reconcile", null))
            .ProblemAsync(HttpStatusCode.Conflict, "registerNotConfigured");
    }
}
