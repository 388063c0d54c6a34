using System.Net;
using SharedKernel.Time;

namespace Enterprises.FunctionalTests;

/// <summary>The expiry pass, with the factory's clock moved forward (so a class of its own).</summary>
public class QualificationExpiryTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Expiry_pass_moves_ended_qualifications_once_and_reports_each_once()
    {
        var code = await client.CreateEnterpriseAsync("120110", null);
        var sme = await client.GrantAsync(code, "TechSme", "2026-03-01");
        var highTech = await client.GrantAsync(code, "HighTech", "2026-03-01");
        var expire = () => client.PostAsync("/api/v1/qualifications/expire", null);

        (await (await expire()).JsonAsync(HttpStatusCode.OK))["expired"]!.GetValue<int>().Should().Be(0, "nothing has ended on 2026-11-22");
        factory.Clock.Advance(TimeSpan.FromDays(40));
        var first = await (await expire()).JsonAsync(HttpStatusCode.OK);
        var second = await (await expire()).JsonAsync(HttpStatusCode.OK);

        first["expired"]!.GetValue<int>().Should().Be(1);
        first["asOf"]!.GetValue<string>().Should().Be("2027-01-01");
        second["expired"]!.GetValue<int>().Should().Be(0, "the pass is idempotent");
        var expired = await (await client.GetAsync($"/api/v1/enterprises/{code}/qualifications/{sme["id"]}")).JsonAsync(HttpStatusCode.OK);
        expired["status"]!.GetValue<string>().Should().Be("expired");
        expired["expiredOn"]!.GetValue<string>().Should().Be("2027-01-01");
        var held = await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK);
        held["qualifications"].Strings("type").Should().Equal("HighTech");
        var events = await factory.OutboxAsync("QualificationExpired", code);
        events.Should().ContainSingle().Which["qualificationId"]!.GetValue<long>().Should().Be(sme["id"]!.GetValue<long>());
        events[0]["expiredOn"]!.GetValue<string>().Should().Be("2027-01-01");
        await (await client.PostJsonAsync($"/api/v1/enterprises/{code}/qualifications/{sme["id"]}/revoke", new { reason = "x", revokedOn = "2026-12-01" }))
            .ProblemAsync(HttpStatusCode.Conflict, "qualificationNotValid");
        highTech["status"]!.GetValue<string>().Should().Be("valid");
        // The line above reads the grant's own answer; the pass must also have left the stored HighTech valid.
        var stillHeld = await (await client.GetAsync($"/api/v1/enterprises/{code}/qualifications/{highTech["id"]}")).JsonAsync(HttpStatusCode.OK);
        stillHeld["status"]!.GetValue<string>().Should().Be("valid");
        stillHeld["expiredOn"].Should().BeNull();
        (await factory.OutboxAsync("QualificationExpired", code)).Should().ContainSingle("the HighTech grant did not expire");
    }

    /// <summary>
    /// What an enterprise holds is read for the day of each request: a term that ends drops out of its answers and of the
    /// list the day after, before any expiry pass, though the day before was read already (the list's projection is
    /// built once a day).
    /// </summary>
    [Fact]
    public async Task A_term_that_ends_drops_out_of_the_answers_the_day_after()
    {
        var industry = "期满次日" + Guid.NewGuid().ToString("N")[..8];
        var code = await client.CreateEnterpriseAsync("120110", null, industry);
        var today = BeijingCalendar.DateOf(factory.Clock.GetUtcNow());
        await client.GrantAsync(code, "TechSme", today.AddDays(-30).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"));
        var listed = $"/api/v1/enterprises?industry={industry}";

        (await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK))["qualifications"].Strings("type").Should().Equal("TechSme");
        (await (await client.GetAsync(listed)).JsonAsync(HttpStatusCode.OK))["items"]![0]!["qualifications"].Strings("type").Should().Equal("TechSme");
        factory.Clock.Advance(TimeSpan.FromDays(1));

        (await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK))["qualifications"]!.AsArray().Should().BeEmpty();
        (await (await client.GetAsync(listed)).JsonAsync(HttpStatusCode.OK))["items"]![0]!["qualifications"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Only_admins_run_the_pass()
    {
        var writer = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read enterprises.write"));

        (await writer.PostAsync("/api/v1/qualifications/expire", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.ClientWith(null).PostAsync("/api/v1/qualifications/expire", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
