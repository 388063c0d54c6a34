using EventBus;
using Platforms.Contracts;

namespace Plans.FunctionalTests;

/// <summary>
/// The Platforms register's events, played onto the service's stream as its outbox relay would,
/// move the indicators bound to platform metrics: by type and level, 市级以上, the filters (abroad,
/// hosted by an enterprise, a designation), platforms accredited since the baseline, and tenants.
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

    [Fact]
    public async Task Each_filter_counts_the_active_platforms_that_pass_it_and_news_that_changes_the_platform_moves_it()
    {
        var specialized = await client.CreateBoundPlanAsync("12Z01", metric: "platforms.active.MakerSpace.designated.specialized");
        var abroad = await client.CreateBoundPlanAsync("12Z01", metric: "platforms.active.all.abroad");
        var enterpriseLabs = await client.CreateBoundPlanAsync("120118", metric: "platforms.active.KeyLab.municipal.designated.enterprise");
        var enterpriseHosted = await client.CreateBoundPlanAsync("120118", metric: "platforms.active.KeyLab.enterpriseHosted");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince(), register: "platforms");

        var space = Accredited("MakerSpace", "municipal", "120116", "12Z01") with { Designations = ["specialized"] };
        Publish(space);
        Publish(Accredited("MakerSpace", "municipal", "120116", "12Z01"));
        var incubatorAbroad = Abroad(Accredited("Incubator", "municipal", "120116", "12Z01"), "SG");
        Publish(incubatorAbroad);
        Publish(Abroad(Accredited("NewRndInstitution", "district", "120116", "12Z01"), "DE"));
        Publish(Abroad(Accredited("KeyLab", "municipal", "120118"), "JP"));
        var lab = HostedByEnterprise(Accredited("KeyLab", "municipal", "120118")) with { Designations = ["enterprise"] };
        Publish(lab);
        Publish(HostedByEnterprise(Accredited("KeyLab", "national", "120118")));
        Publish(Accredited("KeyLab", "municipal", "120118"));

        await client.ActualBecomesAsync(specialized, 1);
        await client.ActualBecomesAsync(abroad, 2);
        await client.ActualBecomesAsync(enterpriseLabs, 1);
        await client.ActualBecomesAsync(enterpriseHosted, 2);

        Publish(Updated(space, designations: []));
        Publish(StatusChanged(incubatorAbroad, "suspended"));
        Publish(StatusChanged(lab, "revoked"));

        await client.ActualBecomesAsync(specialized, 0);
        await client.ActualBecomesAsync(abroad, 1);
        await client.ActualBecomesAsync(enterpriseLabs, 0);
        await client.ActualBecomesAsync(enterpriseHosted, 1);
    }

    [Fact]
    public async Task Platforms_accredited_after_the_baseline_year_count_on_the_baseline_whatever_their_status_until_revoked()
    {
        // Dongli T1-08 counts new municipal university science parks so; national incubators here, apart from the parks of the first test.
        var dongli = await client.CreateBoundPlanAsync("120110",
            indicator: RegisterApi.CumulativeIndicator("T1", "platforms.accredited.Incubator.national", baseline: 2));
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince(), register: "platforms");

        Publish(Approved(Accredited("Incubator", "national", "120110"), new DateOnly(2020, 12, 31)));
        var building = Approved(Accredited("Incubator", "national", "120110"), new DateOnly(2021, 1, 1)) with { Status = "underConstruction" };
        Publish(building);
        var incubator = Approved(Accredited("Incubator", "national", "120110"), new DateOnly(2022, 4, 15));
        Publish(incubator);
        Publish(Approved(Accredited("Incubator", "municipal", "120110"), new DateOnly(2022, 5, 1)));

        await client.ActualBecomesAsync(dongli, 4);

        Publish(StatusChanged(incubator, "suspended"));
        Publish(StatusChanged(building, "revoked"));

        await client.ActualBecomesAsync(dongli, 3);
    }

    [Theory]
    [InlineData("platforms.active.Nowhere")]
    [InlineData("platforms.active.Incubator.provincial")]
    [InlineData("platforms.active.Incubator+Incubator")]
    [InlineData("platforms.tenants.gone")]
    [InlineData("platforms.active.Incubator.abroad.national")]
    [InlineData("platforms.active.Incubator.overseas")]
    [InlineData("platforms.active.MakerSpace.designated")]
    [InlineData("platforms.active.MakerSpace.designated.Specialized")]
    [InlineData("platforms.active.MakerSpace.designated.specialized.abroad")]
    [InlineData("platforms.active.all+Incubator")]
    [InlineData("platforms.accredited")]
    [InlineData("platforms.accredited.Incubator.provincial")]
    public async Task An_unknown_platform_key_is_refused_naming_the_known_keys(string metric)
    {
        var code = await client.CreatePlanAsync(regionCode: "120118", level: "district");

        var response = await client.PostJsonAsync($"/api/v1/plans/{code}/indicators", Api.Indicator("T1", metric));

        var problem = await response.JsonAsync(System.Net.HttpStatusCode.UnprocessableEntity);
        problem.ToJsonString().Should().Contain("platforms.active.{Types}.{Level}");
    }

    private PlatformAccredited Accredited(string type, string level, string region, string? zone = null) =>
        new(Guid.NewGuid(), "天津测试平台", type, level, [], region, zone, false, null, "university", null, "天津测试大学", null,
            new DateOnly(2026, 6, 1), null, "active", new DateOnly(2026, 6, 1)) { OccurredAt = Next() };

    private static PlatformAccredited Abroad(PlatformAccredited p, string country) => p with { Abroad = true, AbroadCountry = country };

    private static PlatformAccredited HostedByEnterprise(PlatformAccredited p) =>
        p with { HostKind = "enterprise", HostCreditCode = EnterpriseStream.NewCreditCode(p.RegionCode), HostName = "天津测试公司" };

    private static PlatformAccredited Approved(PlatformAccredited p, DateOnly on) => p with { ApprovedOn = on, StatusSince = on };

    private PlatformUpdated Updated(PlatformAccredited p, IReadOnlyList<string> designations) =>
        new(p.PlatformId, p.Name, p.Type, p.Level, designations, p.RegionCode, p.ZoneCode, p.Abroad, p.AbroadCountry, p.HostKind,
            p.HostCreditCode, p.HostName, p.Field, p.ApprovedOn, p.DocumentNumber, p.Status, p.StatusSince) { OccurredAt = Next() };

    private PlatformStatusChanged StatusChanged(PlatformAccredited p, string status) =>
        new(p.PlatformId, p.Name, p.Type, p.Level, p.Designations, p.RegionCode, p.ZoneCode, p.Abroad, p.HostCreditCode, p.ApprovedOn, p.Status,
            status, new DateOnly(2026, 10, 1), "评估不合格") { OccurredAt = Next() };

    private TenantAdmitted Admitted(PlatformAccredited p, long n) =>
        new(Random.Shared.NextInt64(1, long.MaxValue / 4) + n, p.PlatformId, p.Type, p.Level, p.RegionCode, p.ZoneCode, false, "enterprise",
            EnterpriseStream.NewCreditCode(p.RegionCode), null, new DateOnly(2026, 7, 1)) { OccurredAt = Next() };

    private DateTimeOffset Next() => start.AddSeconds(Interlocked.Increment(ref tick));

    private void Publish(IntegrationEvent @event) => Publish(EventEnvelope.Wrap(@event, "platforms"));

    private void Publish(EventEnvelope envelope) => TestRedis.Publish(factory.StreamPrefix, envelope);
}
