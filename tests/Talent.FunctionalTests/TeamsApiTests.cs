using System.Net;

namespace Talent.FunctionalTests;

public class TeamsApiTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private readonly HttpClient clerk = factory.CreateClient();

    private async Task<Guid[]> PeopleAsync(int count)
    {
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await clerk.RegisterIdAsync();
        }

        return ids;
    }

    [Fact]
    public async Task A_team_is_formed_with_its_leader_members_and_host_and_published_by_ids()
    {
        var people = await PeopleAsync(3);
        var host = await factory.KnownEnterpriseAsync();

        var response = await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [people[1], people[2]], host));

        var team = await response.JsonAsync(HttpStatusCode.Created);
        team["status"]!.GetValue<string>().Should().Be("active");
        team["members"]!.AsArray().Select(m => m!["talentId"]!.GetValue<Guid>()).Should().BeEquivalentTo([people[1], people[2]]);
        response.ETag().Should().Be("\"1\"");
        var published = (await factory.OutboxAsync("TeamFormed")).Single(e => e["teamId"]!.GetValue<Guid>() == team["id"]!.GetValue<Guid>());
        published["leaderId"]!.GetValue<Guid>().Should().Be(people[0]);
        published["memberIds"]!.AsArray().Should().HaveCount(2);
        published["hostCreditCode"]!.GetValue<string>().Should().Be(host);
    }

    [Fact]
    public async Task A_person_leads_at_most_one_active_team_of_a_programme()
    {
        var people = await PeopleAsync(2);
        var host = await factory.KnownEnterpriseAsync();
        await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [], host))).JsonAsync(HttpStatusCode.Created);

        await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [people[1]], host))).ProblemAsync(HttpStatusCode.Conflict, "alreadyLeadsTeam");
        await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [people[1]], host, programme: "TechCommissioner")))
            .JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Once_a_team_is_disbanded_its_people_are_free_to_join_another_of_the_programme()
    {
        var people = await PeopleAsync(3);
        var host = await factory.KnownEnterpriseAsync();
        var team = await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [people[1]], host))).JsonAsync(HttpStatusCode.Created);

        await (await clerk.PostJsonAsync($"/api/v1/teams/{team["id"]}/disband", new { reason = "" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var disbanded = await (await clerk.PostJsonAsync($"/api/v1/teams/{team["id"]}/disband", new { reason = "项目结题", disbandedOn = "2026-10-31" }))
            .JsonAsync(HttpStatusCode.OK);

        disbanded["status"]!.GetValue<string>().Should().Be("disbanded");
        await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[2], [people[0], people[1]], host))).JsonAsync(HttpStatusCode.Created);
        await (await clerk.PostJsonAsync($"/api/v1/teams/{team["id"]}/members", new { talentId = people[2] })).ProblemAsync(HttpStatusCode.Conflict, "teamDisbanded");
        var published = (await factory.OutboxAsync("TeamDisbanded")).Single(e => e["teamId"]!.GetValue<Guid>() == team["id"]!.GetValue<Guid>());
        published["disbandedOn"]!.GetValue<string>().Should().Be("2026-10-31");
        published.ToJsonString().Should().NotContain("项目结题");
    }

    [Fact]
    public async Task Members_join_and_leave_and_a_member_of_another_active_team_cannot_join()
    {
        var people = await PeopleAsync(4);
        var host = await factory.KnownEnterpriseAsync();
        var first = await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [people[1]], host))).JsonAsync(HttpStatusCode.Created);
        var second = await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[2], [], host))).JsonAsync(HttpStatusCode.Created);

        await (await clerk.PostJsonAsync($"/api/v1/teams/{second["id"]}/members", new { talentId = people[1] }))
            .ProblemAsync(HttpStatusCode.Conflict, "memberInAnotherTeam");
        await (await clerk.PostJsonAsync($"/api/v1/teams/{second["id"]}/members", new { talentId = people[0] }))
            .ProblemAsync(HttpStatusCode.Conflict, "memberInAnotherTeam");
        await (await clerk.PostJsonAsync($"/api/v1/teams/{first["id"]}/members", new { talentId = people[1] }))
            .ProblemAsync(HttpStatusCode.Conflict, "alreadyMember");
        await (await clerk.PostRawAsync($"/api/v1/teams/{first["id"]}/members/{people[0]}/leave", "{}")).ProblemAsync(HttpStatusCode.Conflict, "notAMember");
        var left = await clerk.PostRawAsync($"/api/v1/teams/{first["id"]}/members/{people[1]}/leave", "{}");
        (await left.JsonAsync(HttpStatusCode.OK))["members"]![0]!["leftOn"]!.GetValue<string>().Should().Be("2026-11-22");
        left.ETag().Should().Be("\"2\"");

        var joined = await clerk.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/teams/{second["id"]}/members")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { talentId = people[1], joinedOn = "2026-11-22" }),
            Headers = { IfMatch = { new System.Net.Http.Headers.EntityTagHeaderValue("\"1\"") } },
        });
        (await joined.JsonAsync(HttpStatusCode.OK))["members"].Strings("talentId").Should().Equal(people[1].ToString());
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/teams/{second["id"]}/members")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { talentId = people[3] }),
            Headers = { IfMatch = { new System.Net.Http.Headers.EntityTagHeaderValue("\"1\"") } },
        };
        await (await clerk.SendAsync(stale)).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
    }

    [Fact]
    public async Task A_host_must_be_on_the_enterprise_register_or_named_as_a_platform_and_not_both()
    {
        var people = await PeopleAsync(1);
        var unknown = CreditCodes.New("120118");

        (await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [], unknown))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("hostCreditCode").Should().ContainSingle().Which.Should().Contain("not on the enterprise register");
        await (await clerk.PostJsonAsync("/api/v1/teams", new
        {
            name = "海河实验室团队", programme = "ProjectTeam", leaderId = people[0], hostCreditCode = unknown, hostPlatformName = "海河实验室", regionCode = "120118",
            formedOn = "2025-01-01",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var platform = await (await clerk.PostJsonAsync("/api/v1/teams", new
        {
            name = "海河实验室团队", programme = "ProjectTeam", leaderId = people[0], hostPlatformName = "物质绿色创造与制造海河实验室", regionCode = "120118",
            formedOn = "2025-01-01",
        })).JsonAsync(HttpStatusCode.Created);
        platform["hostCreditCode"].Should().BeNull();
    }

    [Fact]
    public async Task A_team_formed_with_more_members_than_it_may_keep_is_a_422_naming_memberIds_once()
    {
        var people = await PeopleAsync(1);
        var host = await factory.KnownEnterpriseAsync();
        var members = Enumerable.Range(0, Talent.Api.Domain.Team.MaxMembers + 1).Select(_ => Guid.NewGuid()).ToArray();

        var problem = await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], members, host)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("memberIds").Should().ContainSingle().Which.Should().Contain($"at most {Talent.Api.Domain.Team.MaxMembers} items");
    }

    [Fact]
    public async Task Unknown_people_a_leader_among_the_members_and_a_date_before_the_programme_are_422s()
    {
        var people = await PeopleAsync(2);
        var host = await factory.KnownEnterpriseAsync();

        (await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [Guid.NewGuid()], host))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("memberIds").Should().ContainSingle();
        (await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(Guid.NewGuid(), [], host))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("leaderId").Should().ContainSingle();
        (await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [people[0]], host))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("memberIds").Should().ContainSingle();
        (await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [people[1], people[1]], host))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("memberIds").Should().ContainSingle();
        (await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [], host, formedOn: "2017-12-31"))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("formedOn").Should().ContainSingle();
    }

    [Fact]
    public async Task The_list_finds_the_teams_a_person_is_in()
    {
        var people = await PeopleAsync(2);
        var host = await factory.KnownEnterpriseAsync();
        var team = await (await clerk.PostJsonAsync("/api/v1/teams", Teams.Body(people[0], [people[1]], host))).JsonAsync(HttpStatusCode.Created);

        var byMember = await (await clerk.GetAsync($"/api/v1/teams?talentId={people[1]}&status=active&programme=ProjectTeam")).JsonAsync(HttpStatusCode.OK);

        byMember["items"].Strings("id").Should().Equal(team["id"]!.GetValue<string>());
        (await (await clerk.GetAsync($"/api/v1/teams/{team["id"]}")).JsonAsync(HttpStatusCode.OK))["leaderId"]!.GetValue<Guid>().Should().Be(people[0]);
        await (await clerk.GetAsync("/api/v1/teams?status=dissolved")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }
}
