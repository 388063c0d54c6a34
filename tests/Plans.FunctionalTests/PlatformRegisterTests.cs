using EventBus;
using Platforms.Contracts;

namespace Plans.FunctionalTests;

/// <summary>
/// The Platforms register's events, played onto the service's stream as its outbox relay would,
/// move the indicators bound to platform metrics: by type and level, 市级以上, and tenants.
/// </summary>
public sealed class PlatformRegisterTests(PlatformRegisterTests.Factory factory) : IClassFixture<PlatformRegisterTests.Factory>
{
    /// <summary>A service of its own: the counts start from an empty platform register.</summary>
    public sealed class Factory : PlansApiFactory;

    private readonly HttpClient client = factory.CreateClient();
    private readonly DateTimeOffset start = factory.Clock.GetUtcNow().AddDays(-1);
    private int tick;

    [Fact]
    public async Task A_municipal_park_accredited_in_Jinghai_moves_the_bound_indicators_and_its_suspension_moves_them_back()
    {
        var jinghai = await client.CreateBoundPlanAsync("120118", metric: "platforms.active.UniversitySciencePark.municipalOrAbove");
        var tianjin = await client.CreateBoundPlanAsync("120000", metric: "platforms.active.UniversitySciencePark");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince(), register: "platforms");
        await client.ActualBecomesAsync(jinghai, 0);

        var park = Accredited("UniversitySciencePark", "municipal", "120118");
        Publish(park);
        Publish(Accredited("UniversitySciencePark", "district", "120118"));
        Publish(Accredited("Incubator", "national", "120118"));

        await client.ActualBecomesAsync(jinghai, 1);
        await client.ActualBecomesAsync(tianjin, 2);
        var progress = await client.ProgressOfAsync(jinghai);
        progress["actual"]!["source"]!.GetValue<string>().Should().Be("register:platforms");
        progress["metricStatus"]!.GetValue<string>().Should().Be("live");

        Publish(StatusChanged(park, "suspended"));

        await client.ActualBecomesAsync(jinghai, 0);
        await client.ActualBecomesAsync(tianjin, 1);
    }

    [Fact]
    public async Task Tenants_count_while_they_are_there_and_stale_news_of_a_platform_is_ignored()
    {
        var binhai = await client.CreateBoundPlanAsync("12Z01", metric: "platforms.tenants.active");
        var incubators = await client.CreateBoundPlanAsync("12Z01", metric: "platforms.active.Incubator+MakerSpace.national");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince(), register: "platforms");
        var incubator = Accredited("Incubator", "national", "120116", "12Z01");
        var admitted = new[] { Admitted(incubator, 1), Admitted(incubator, 2) };
        // The tenants' news first: the platform is known from them before its own news arrives.
        foreach (var tenant in admitted)
        {
            Publish(tenant);
        }

        Publish(incubator);
        Publish(Accredited("MakerSpace", "national", "120116", "12Z01"));
        await client.ActualBecomesAsync(binhai, 2);
        await client.ActualBecomesAsync(incubators, 2);

        Publish(new TenantGraduated(admitted[0].TenantId, incubator.PlatformId, "Incubator", "national", "120116", "12Z01", false, "enterprise",
            admitted[0].CreditCode, null, admitted[0].AdmittedOn, new DateOnly(2026, 9, 30), "graduated") { OccurredAt = Next() });
        var revoked = StatusChanged(incubator, "revoked");
        Publish(revoked);
        Publish(EventEnvelope.Wrap(incubator, "platforms") with { Id = Guid.CreateVersion7() });

        await client.ActualBecomesAsync(binhai, 1);
        await client.ActualBecomesAsync(incubators, 1);
    }

    [Theory]
    [InlineData("platforms.active.Nowhere")]
    [InlineData("platforms.active.Incubator.provincial")]
    [InlineData("platforms.active.Incubator+Incubator")]
    [InlineData("platforms.tenants.gone")]
    public async Task An_unknown_platform_key_is_refused_naming_the_known_keys(string metric)
    {
        var code = await client.CreatePlanAsync(regionCode: "120118", level: "district");

        var response = await client.PostJsonAsync($"/api/v1/plans/{code}/indicators", Api.Indicator("T1", metric));

        var problem = await response.JsonAsync(System.Net.HttpStatusCode.UnprocessableEntity);
        problem.ToJsonString().Should().Contain("platforms.active.{Type}.{Level}");
    }

    private PlatformAccredited Accredited(string type, string level, string region, string? zone = null) =>
        new(Guid.NewGuid(), "天津测试平台", type, level, [], region, zone, false, null, "university", null, "天津测试大学", null,
            new DateOnly(2026, 6, 1), null, "active", new DateOnly(2026, 6, 1)) { OccurredAt = Next() };

    private PlatformStatusChanged StatusChanged(PlatformAccredited p, string status) =>
        new(p.PlatformId, p.Name, p.Type, p.Level, p.Designations, p.RegionCode, p.ZoneCode, false, null, "active", status,
            new DateOnly(2026, 10, 1), "评估不合格") { OccurredAt = Next() };

    private TenantAdmitted Admitted(PlatformAccredited p, long n) =>
        new(Random.Shared.NextInt64(1, long.MaxValue / 4) + n, p.PlatformId, p.Type, p.Level, p.RegionCode, p.ZoneCode, false, "enterprise",
            EnterpriseStream.NewCreditCode(p.RegionCode), null, new DateOnly(2026, 7, 1)) { OccurredAt = Next() };

    private DateTimeOffset Next() => start.AddSeconds(Interlocked.Increment(ref tick));

    private void Publish(IntegrationEvent @event) => Publish(EventEnvelope.Wrap(@event, "platforms"));

    private void Publish(EventEnvelope envelope) =>
        TestRedis.Append(factory.StreamPrefix + "platforms", new Dictionary<string, string>
        {
            ["id"] = envelope.Id.ToString(),
            ["type"] = envelope.Type,
            ["occurredAt"] = envelope.OccurredAt.ToString("O"),
            ["source"] = "platforms",
            ["schemaVersion"] = "1",
            ["payload"] = envelope.Payload,
        });
}
