using System.Net;

namespace Enterprises.FunctionalTests;

/// <summary>Overlapping grants (and designations) that arrive at the same instant: the overlap check must see every one committed before it.</summary>
public class ConcurrentGrantTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private const int Requests = 6;
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Of_overlapping_grants_sent_at_once_exactly_one_is_granted_and_the_rest_are_409()
    {
        var code = await client.CreateEnterpriseAsync();
        var clients = Enumerable.Range(0, Requests).Select(_ => factory.CreateClient()).ToList();
        using var start = new ManualResetEventSlim();

        var sending = clients.Select((c, i) => Task.Run(async () =>
        {
            start.Wait();
            return await c.PostJsonAsync($"/api/v1/enterprises/{code}/qualifications",
                new { type = "HighTech", certificateNumber = $"GR20261200000{i}", grantedOn = $"2026-0{i + 1}-15" });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(sending);

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1, "the grants overlap one another");
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ProblemAsync(HttpStatusCode.Conflict, "qualificationOverlaps");
        }

        var held = await (await client.GetAsync($"/api/v1/enterprises/{code}/qualifications?type=HighTech&count=true")).JsonAsync(HttpStatusCode.OK);
        held["totalCount"]!.GetValue<int>().Should().Be(1);
        (await factory.OutboxAsync("QualificationGranted", code)).Should().ContainSingle();
    }

    [Fact]
    public async Task Grants_of_different_types_sent_at_once_are_all_granted()
    {
        var code = await client.CreateEnterpriseAsync();
        string[] types = ["TechSme", "HighTech", "Eagle", "Gazelle"];

        var responses = await Task.WhenAll(types.Select(type => factory.CreateClient().PostJsonAsync(
            $"/api/v1/enterprises/{code}/qualifications", new { type, grantedOn = "2026-06-01", expiresOn = "2027-05-31" })));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        (await factory.OutboxAsync("QualificationGranted", code)).Should().HaveCount(types.Length);
    }

    [Fact]
    public async Task Of_unicorn_designations_sent_at_once_exactly_one_is_added_and_the_rest_are_409()
    {
        var code = await client.CreateEnterpriseAsync();
        var clients = Enumerable.Range(0, Requests).Select(_ => factory.CreateClient()).ToList();
        using var start = new ManualResetEventSlim();

        var sending = clients.Select((c, i) => Task.Run(async () =>
        {
            start.Wait();
            return await c.PostJsonAsync($"/api/v1/enterprises/{code}/designations", new { kind = "Unicorn", since = $"2026-0{i + 1}-15" });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(sending);

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1, "an enterprise holds one current designation of a kind");
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ProblemAsync(HttpStatusCode.Conflict, "designationOverlaps");
        }

        (await factory.OutboxAsync("DesignationAdded", code)).Should().ContainSingle();
    }
}
