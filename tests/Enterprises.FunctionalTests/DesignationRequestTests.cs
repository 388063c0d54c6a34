using System.Net;

namespace Enterprises.FunctionalTests;

/// <summary>
/// What a designation request may not do: bad bodies and dates, other regions' enterprises, stale
/// ETags, retries. Each refusal is a problem with its code, and none publishes an event.
/// </summary>
public class DesignationRequestTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    public static TheoryData<string, object, string, string> BadBodies => new()
    {
        { "Listed without a board", new { kind = "Listed", since = "2021-07-22" }, "board", "required for Listed" },
        { "a unicorn on a board", new { kind = "Unicorn", board = "hkex", since = "2021-07-22" }, "board", "Listed only" },
        { "the reserve list on a board", new { kind = "ListingReserve", board = "star", since = "2021-07-22" }, "board", "Listed only" },
        { "a future since", new { kind = "Unicorn", since = "2026-11-23" }, "since", "future" },
        { "a far future since", new { kind = "Unicorn", since = "9999-12-31" }, "since", "future" },
        { "a since before the founding", new { kind = "Unicorn", since = "2015-03-17" }, "since", "founded on 2015-03-18" },
        { "the first day of the calendar", new { kind = "PotentialUnicorn", since = "0001-01-01" }, "since", "founded" },
        { "no kind", new { since = "2021-07-22" }, "kind", "empty" },
        { "no since", new { kind = "Unicorn" }, "since", "empty" },
        { "notes too long", new { kind = "Unicorn", since = "2021-07-22", notes = new string('注', 2001) }, "notes", "2000" },
        { "a reference too long", new { kind = "Unicorn", since = "2021-07-22", documentReference = new string('号', 501) }, "documentReference", "500" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_body_that_breaks_a_rule_is_422_naming_the_field_and_publishes_nothing(string kind, object body, string field,
        string message)
    {
        var code = await client.CreateEnterpriseAsync(foundedOn: "2015-03-18");
        var before = await factory.OutboxCountAsync();

        var problem = await (await client.PostJsonAsync($"/api/v1/enterprises/{code}/designations", body))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor(field).Should().ContainSingle(kind).Which.Should().Contain(message);
        (await factory.OutboxCountAsync()).Should().Be(before, kind);
        (await (await client.GetAsync($"/api/v1/enterprises/{code}/designations?count=true")).JsonAsync(HttpStatusCode.OK))["totalCount"]!
            .GetValue<int>().Should().Be(0, kind);
    }

    [Theory]
    [InlineData("""{"kind":"Dragon","since":"2021-07-22"}""", "kind")]
    [InlineData("""{"kind":3,"since":"2021-07-22"}""", "kind")]
    [InlineData("""{"kind":"Listed","board":"nasdaq","since":"2021-07-22"}""", "board")]
    [InlineData("""{"kind":"Listed","board":"科创板","since":"2021-07-22"}""", "board")]
    [InlineData("""{"kind":"Unicorn","since":"2021-02-30"}""", "since")]
    [InlineData("""{"kind":"Unicorn","since":"2021-07-22","withdrawn":true}""", "withdrawn")]
    [InlineData("""{"kind":"Unicorn","kind":"Listed","since":"2021-07-22"}""", "kind")]
    public async Task A_body_that_cannot_be_read_is_400(string body, string field)
    {
        var code = await client.CreateEnterpriseAsync();

        var problem = await (await client.PostRawAsync($"/api/v1/enterprises/{code}/designations", body)).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");

        problem.ToJsonString().Should().Contain(field);
        (await factory.OutboxAsync("DesignationAdded", code)).Should().BeEmpty();
    }

    [Fact]
    public async Task End_and_withdraw_need_a_reason()
    {
        var code = await client.CreateEnterpriseAsync();
        var unicorn = await client.DesignateAsync(code, "Unicorn", "2024-01-01");
        var url = $"/api/v1/enterprises/{code}/designations/{unicorn["id"]}";

        var end = await (await client.PostJsonAsync($"{url}/end", new { reason = "  " })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var withdraw = await (await client.PostJsonAsync($"{url}/withdraw", new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var tooLong = await (await client.PostJsonAsync($"{url}/withdraw", new { reason = new string('因', 1001) }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        end.ErrorsFor("reason").Should().NotBeEmpty();
        withdraw.ErrorsFor("reason").Should().NotBeEmpty();
        tooLong.ErrorsFor("reason").Should().NotBeEmpty();
        (await factory.OutboxAsync("DesignationEnded", code)).Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_enterprises_and_designations_are_404_and_a_designation_belongs_to_its_enterprise()
    {
        var code = await client.CreateEnterpriseAsync();
        var other = await client.CreateEnterpriseAsync();
        var unicorn = await client.DesignateAsync(code, "Unicorn", "2024-01-01");

        await (await client.PostJsonAsync($"/api/v1/enterprises/{CreditCodes.New()}/designations", new { kind = "Unicorn", since = "2024-01-01" }))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.GetAsync($"/api/v1/enterprises/{CreditCodes.New()}/designations")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.GetAsync($"/api/v1/enterprises/{code}/designations/999999")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.GetAsync($"/api/v1/enterprises/{other}/designations/{unicorn["id"]}")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.PostJsonAsync($"/api/v1/enterprises/{other}/designations/{unicorn["id"]}/end", new { reason = "x" }))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.PostJsonAsync($"/api/v1/enterprises/{other}/designations/{unicorn["id"]}/withdraw", new { reason = "x" }))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        (await client.GetAsync($"/api/v1/enterprises/{code}/designations/abc")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Region_scoped_clients_designate_end_and_withdraw_only_within_their_region()
    {
        var dongli = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read enterprises.write", region: "120110", clientId: "dongli"));
        var zone = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read enterprises.write", region: "12Z01", clientId: "hitech-zone"));
        var binhai = await client.CreateEnterpriseAsync("120116", "12Z01");
        var unicorn = await client.DesignateAsync(binhai, "Unicorn", "2024-01-01");
        var url = $"/api/v1/enterprises/{binhai}/designations";
        var before = await factory.OutboxCountAsync();

        await (await dongli.PostJsonAsync(url, new { kind = "Listed", board = "star", since = "2024-01-01" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await dongli.PostJsonAsync($"{url}/{unicorn["id"]}/end", new { reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await dongli.PostJsonAsync($"{url}/{unicorn["id"]}/withdraw", new { reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        (await factory.OutboxCountAsync()).Should().Be(before);
        (await dongli.GetAsync($"{url}/{unicorn["id"]}")).StatusCode.Should().Be(HttpStatusCode.OK, "reading is not confined");
        (await dongli.GetAsync("/api/v1/designations")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await zone.PostJsonAsync(url, new { kind = "Listed", board = "star", since = "2024-01-01" })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Reading_needs_enterprises_read_and_writing_enterprises_write()
    {
        var code = await client.CreateEnterpriseAsync();
        var anonymous = factory.ClientWith(null);
        var reader = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read"));
        var url = $"/api/v1/enterprises/{code}/designations";

        (await anonymous.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/designations")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.ClientWith(EnterprisesApiFactory.Issuer.Token("plans.read")).GetAsync("/api/v1/designations")).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
        (await reader.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.PostJsonAsync(url, new { kind = "Unicorn", since = "2024-01-01" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.PostJsonAsync($"{url}/1/end", new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.PostJsonAsync($"{url}/1/withdraw", new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task End_and_withdraw_check_if_match_when_sent()
    {
        var code = await client.CreateEnterpriseAsync();
        var reserve = await client.DesignateAsync(code, "ListingReserve", "2023-01-01");
        var unicorn = await client.DesignateAsync(code, "Unicorn", "2023-01-01");
        var reserveUrl = $"/api/v1/enterprises/{code}/designations/{reserve["id"]}";
        var unicornUrl = $"/api/v1/enterprises/{code}/designations/{unicorn["id"]}";

        await (await client.PostWithIfMatchAsync($"{reserveUrl}/end", new { reason = "出库" }, "\"2\"")).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
        await (await client.PostWithIfMatchAsync($"{reserveUrl}/end", new { reason = "出库" }, "W/\"1\"")).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
        await (await client.PostWithIfMatchAsync($"{reserveUrl}/end", new { reason = "出库" }, "1")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        (await client.GetAsync(reserveUrl)).ETag().Should().Be("\"1\"", "nothing changed");
        var ended = await client.PostWithIfMatchAsync($"{reserveUrl}/end", new { reason = "出库" }, "\"1\"");
        await (await client.PostWithIfMatchAsync($"{reserveUrl}/withdraw", new { reason = "误录" }, "\"1\"")).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
        var withdrawn = await client.PostWithIfMatchAsync($"{unicornUrl}/withdraw", new { reason = "误录" }, "*");

        (await ended.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().Should().Be("ended");
        ended.ETag().Should().Be("\"2\"");
        (await withdrawn.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().Should().Be("withdrawn");
        (await factory.OutboxAsync("DesignationEnded", code)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_adds_once()
    {
        var code = await client.CreateEnterpriseAsync();
        var key = Guid.NewGuid().ToString();
        var url = $"/api/v1/enterprises/{code}/designations";
        var body = new { kind = "Listed", board = "szseMain", since = "2020-09-01" };

        var first = await client.PostJsonAsync(url, body, key);
        var second = await client.PostJsonAsync(url, body, key);

        var firstBody = await first.JsonAsync(HttpStatusCode.Created);
        (await second.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<long>().Should().Be(firstBody["id"]!.GetValue<long>());
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        second.Headers.Location.Should().Be(first.Headers.Location);
        second.ETag().Should().Be("\"1\"");
        (await factory.OutboxAsync("DesignationAdded", code)).Should().ContainSingle();
        await (await client.PostJsonAsync(url, new { kind = "Unicorn", since = "2020-09-01" }, key))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotencyKeyReused");
    }

    [Fact]
    public async Task The_founding_date_cannot_move_after_a_designation_and_a_patch_cannot_set_designations()
    {
        var code = await client.CreateEnterpriseAsync(foundedOn: "2015-03-18");
        await client.DesignateAsync(code, "ListingReserve", "2018-06-01");

        var moved = await (await client.PatchAsync($"/api/v1/enterprises/{code}", new { foundedOn = "2019-01-01" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var patched = await (await client.PatchAsync($"/api/v1/enterprises/{code}", new { designations = Array.Empty<object>() }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        moved.ErrorsFor("foundedOn").Should().ContainSingle().Which.Should().Contain("2018-06-01");
        patched.ErrorsFor("designations").Should().NotBeEmpty();
    }
}
