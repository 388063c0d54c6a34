using System.Net;
using EventBus;
using SharedKernel.Time;
using Talent.Contracts;

namespace Plans.FunctionalTests;

/// <summary>
/// The Talent register's events, played onto the service's stream as its outbox relay would, move
/// the indicators bound to talent metrics: recognitions by programme and nationality, commissioners
/// active and appraised excellent.
/// </summary>
public sealed class TalentRegisterTests(TalentRegisterTests.Factory factory) : IClassFixture<TalentRegisterTests.Factory>
{
    /// <summary>A service of its own: the counts start from an empty talent register.</summary>
    public sealed class Factory : PlansApiFactory;

    private readonly HttpClient client = factory.CreateClient();
    private readonly DateTimeOffset start = factory.Clock.GetUtcNow().AddDays(-1);
    private int tick;

    private DateOnly Today => factory.Clock.Today();

    [Fact]
    public async Task A_recognition_in_Jinghai_moves_the_bound_indicators_and_its_revocation_moves_them_back()
    {
        var young = await client.CreateBoundPlanAsync("120000", metric: "talent.recognized.YoungScientists");
        var haihe = await client.CreateBoundPlanAsync("120118", metric: "talent.recognized.HaiheTalent+HaiheTalentUpgraded");
        var foreign = await client.CreateBoundPlanAsync("120118", metric: "talent.recognized.HaiheTalent.foreign");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince(), register: "talent");
        await client.ActualBecomesAsync(young, 0);

        var scientist = Recognized("YoungScientists", "CN", "120118");
        Publish(scientist);
        Publish(Recognized("YoungScientists", "CN", "120116", "12Z01"));
        Publish(Recognized("HaiheTalent", "DE", "120118"));
        Publish(Recognized("HaiheTalentUpgraded", "CN", "120118"));
        Publish(Recognized("HaiheTalent", "CN", "120101"));

        await client.ActualBecomesAsync(young, 2);
        await client.ActualBecomesAsync(haihe, 2);
        await client.ActualBecomesAsync(foreign, 1);
        var progress = await client.ProgressOfAsync(young);
        progress["actual"]!["source"]!.GetValue<string>().Should().Be("register:talent");
        progress["metricStatus"]!.GetValue<string>().Should().Be("live");

        Publish(Revoked(scientist, Today));

        await client.ActualBecomesAsync(young, 1);
    }

    [Fact]
    public async Task A_revocation_that_takes_effect_later_counts_until_then_and_stale_news_of_a_recognition_is_ignored()
    {
        var pool = await client.CreateBoundPlanAsync("120115", metric: "talent.recognized.BaodiTalentPool");
        var foreign = await client.CreateBoundPlanAsync("120115", metric: "talent.recognized.BaodiTalentPool.foreign");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince(), register: "talent");
        var later = Recognized("BaodiTalentPool", "FR", "120115");
        var now = Recognized("BaodiTalentPool", "CN", "120115");
        var early = Recognized("BaodiTalentPool", "CN", "120115");
        // The revocation first: news of a recognition that is older than what the copy holds changes nothing.
        var revokedFirst = Revoked(early, Today);
        Publish(revokedFirst);
        Publish(early);
        Publish(later);
        Publish(now);
        await client.ActualBecomesAsync(pool, 2);
        await client.ActualBecomesAsync(foreign, 1);

        Publish(Revoked(later, Today.AddDays(30)));
        Publish(Revoked(now, Today));
        Publish(EventEnvelope.Wrap(now, "talent") with { Id = Guid.CreateVersion7() });
        await client.ActualBecomesAsync(pool, 1);

        // A recognition after the stale news: once it counts, the stale news has been taken and left the revocation standing.
        Publish(Recognized("BaodiTalentPool", "CN", "120115"));
        await client.ActualBecomesAsync(pool, 2);
        await client.ActualBecomesAsync(foreign, 1);
    }

    [Fact]
    public async Task Commissioners_count_once_per_person_while_an_assignment_runs_and_as_excellent_by_their_latest_appraisal()
    {
        var active = await client.CreateBoundPlanAsync("120118", metric: "talent.commissioners.active");
        var excellent = await client.CreateBoundPlanAsync("120118", metric: "talent.commissioners.excellent");
        var municipal = await client.CreateBoundPlanAsync("120000", metric: "talent.commissioners.excellent");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince(), register: "talent");
        var (person, other) = (Guid.NewGuid(), Guid.NewGuid());
        var first = Assigned(person, "120118", Today.AddYears(-1), Today.AddMonths(6));
        var second = Assigned(person, "120118", Today.AddMonths(-2), Today.AddYears(1));
        var ended = Assigned(other, "120118", Today.AddYears(-2), Today.AddDays(-1));
        Publish(first);
        Publish(second);
        Publish(ended);

        await client.ActualBecomesAsync(active, 1);

        var lastYear = Today.Year - 1;
        Publish(Appraised(first, lastYear, "excellent"));
        Publish(Appraised(ended, lastYear, "excellent"));
        await client.ActualBecomesAsync(excellent, 2);
        await client.ActualBecomesAsync(municipal, 2);

        // The person's latest year is what counts: a later year graded good takes the excellent away, and an
        // earlier year's appraisal arriving afterwards does not bring it back.
        Publish(Appraised(second, Today.Year, "good"));
        Publish(Appraised(first, lastYear - 1, "excellent"));
        Publish(Assigned(Guid.NewGuid(), "120118", Today, Today.AddYears(2)));
        await client.ActualBecomesAsync(active, 2);
        await client.ActualBecomesAsync(excellent, 1);
        await client.ActualBecomesAsync(municipal, 1);
    }

    [Theory]
    [InlineData("talent.recognized")]
    [InlineData("talent.recognized.")]
    [InlineData("talent.recognized.HaiheTalent+HaiheTalent")]
    [InlineData("talent.recognized.HaiheTalent.domestic")]
    [InlineData("talent.recognized.Haihe Talent")]
    [InlineData("talent.commissioners")]
    [InlineData("talent.commissioners.retired")]
    [InlineData("talent.teams.active")]
    public async Task An_unknown_talent_key_is_refused_naming_the_known_keys(string metric)
    {
        var code = await client.CreatePlanAsync(regionCode: "120118", level: "district");

        var response = await client.PostJsonAsync($"/api/v1/plans/{code}/indicators", Api.Indicator("T1", metric));

        var problem = await response.JsonAsync(HttpStatusCode.UnprocessableEntity);
        problem.ToJsonString().Should().Contain("talent.recognized.{Programme}.foreign").And.Contain("talent.commissioners.excellent");
    }

    private TalentRecognized Recognized(string programme, string nationality, string region, string? zone = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), programme, Today.Year - 1, null, nationality, region, zone, null) { OccurredAt = Next() };

    private RecognitionRevoked Revoked(TalentRecognized r, DateOnly on) =>
        new(r.RecognitionId, r.TalentId, r.Programme, r.Year, r.Tier, r.Nationality, r.RegionCode, r.ZoneCode, on) { OccurredAt = Next() };

    private CommissionerAssigned Assigned(Guid talentId, string region, DateOnly startsOn, DateOnly endsOn) =>
        new(Guid.NewGuid(), talentId, "village", null, "CN", region, null, startsOn, endsOn) { OccurredAt = Next() };

    private CommissionerAppraised Appraised(CommissionerAssigned a, int year, string grade) =>
        new(a.AssignmentId, a.TalentId, year, grade, a.RegionCode, a.ZoneCode, a.StartsOn, a.EndsOn) { OccurredAt = Next() };

    private DateTimeOffset Next() => start.AddSeconds(Interlocked.Increment(ref tick));

    private void Publish(IntegrationEvent @event) => Publish(EventEnvelope.Wrap(@event, "talent"));

    private void Publish(EventEnvelope envelope) => TestRedis.Publish(factory.StreamPrefix, envelope);
}
