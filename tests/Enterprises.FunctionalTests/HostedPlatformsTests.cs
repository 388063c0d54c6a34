using System.Net;
using EventBus;
using Platforms.Contracts;
using StackExchange.Redis;

namespace Enterprises.FunctionalTests;

/// <summary>The enterprise's profile lists the platforms it hosts, kept from the Platforms service's events.</summary>
public class HostedPlatformsTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private static readonly Lazy<ConnectionMultiplexer> Redis = new(() => ConnectionMultiplexer.Connect(EnterprisesApiFactory.RedisServer));
    private readonly HttpClient client = factory.CreateClient();

    /// <summary>
    /// Appends the event to the factory's platforms stream, as the Platforms service's outbox relay would
    /// (asynchronously: a blocked thread waiting on Redis starves the two-core test run's thread pool).
    /// </summary>
    private async Task PublishAsync(IntegrationEvent @event)
    {
        var envelope = EventEnvelope.Wrap(@event, "platforms");
        await Redis.Value.GetDatabase().StreamAddAsync(factory.StreamPrefix + "platforms",
        [
            new("id", envelope.Id.ToString()), new("type", envelope.Type), new("occurredAt", envelope.OccurredAt.ToString("O")),
            new("source", "platforms"), new("schemaVersion", "1"), new("payload", envelope.Payload),
        ]);
    }

    private static PlatformAccredited Accredited(Guid id, string host, string name, DateTimeOffset at, string type = "Incubator", string level = "national") =>
        new(id, name, type, level, [], "120118", null, false, null, "enterprise", host, "天津市海河智能科技有限公司", "新材料",
            new DateOnly(2024, 5, 20), null, "active", new DateOnly(2024, 5, 20)) { OccurredAt = at };

    private static PlatformStatusChanged StatusChanged(PlatformAccredited p, string from, string to, DateTimeOffset at) =>
        new(p.PlatformId, p.Name, p.Type, p.Level, [], p.RegionCode, null, false, p.HostCreditCode, p.ApprovedOn, from, to,
            new DateOnly(2026, 6, 1), "整改")
        {
            OccurredAt = at,
        };

    private async Task<string[]> PlatformNamesAsync(string code)
    {
        var enterprise = await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK);
        return enterprise["platforms"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToArray();
    }

    [Fact]
    public async Task An_enterprise_lists_the_platforms_it_hosts_now_and_drops_a_revoked_one()
    {
        var code = await client.CreateEnterpriseAsync("120118", null);
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var incubator = Accredited(Guid.NewGuid(), code, "静海国家级科技企业孵化器", start);
        var centre = Accredited(Guid.NewGuid(), code, "静海企业技术中心", start.AddSeconds(1), "EnterpriseTechCenter", "municipal");

        (await PlatformNamesAsync(code)).Should().BeEmpty();
        await PublishAsync(incubator);
        await PublishAsync(centre);
        var listed = await Eventually.ValueAsync(() => PlatformNamesAsync(code), names => names.Length == 2, "both platforms are listed");
        await PublishAsync(StatusChanged(incubator, "active", "revoked", start.AddSeconds(2)));

        listed.Should().Equal("静海企业技术中心", "静海国家级科技企业孵化器");
        await Eventually.HoldsAsync(async () => (await PlatformNamesAsync(code)).SequenceEqual(["静海企业技术中心"]), "the revoked one is dropped");
        var enterprise = await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK);
        var platform = enterprise["platforms"]!.AsArray().Single()!;
        platform["id"]!.GetValue<string>().Should().Be(centre.PlatformId.ToString());
        platform["type"]!.GetValue<string>().Should().Be("EnterpriseTechCenter");
        platform["level"]!.GetValue<string>().Should().Be("municipal");
        platform["status"]!.GetValue<string>().Should().Be("active");
    }

    [Fact]
    public async Task Older_news_does_not_undo_newer_and_a_suspended_platform_stays_listed_with_its_status()
    {
        var code = await client.CreateEnterpriseAsync("120118", null);
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var lab = Accredited(Guid.NewGuid(), code, "静海重点实验室", start, "KeyLab", "municipal");

        await PublishAsync(StatusChanged(lab, "active", "suspended", start.AddSeconds(5)));
        await PublishAsync(lab);
        var marker = Accredited(Guid.NewGuid(), code, "静海众创空间", start.AddSeconds(6), "MakerSpace", "district");
        await PublishAsync(marker);

        await Eventually.HoldsAsync(async () => (await PlatformNamesAsync(code)).Length == 2, "both platforms are listed");
        var enterprise = await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK);
        enterprise["platforms"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "静海重点实验室")!["status"]!.GetValue<string>()
            .Should().Be("suspended", "the accreditation, older, arrived after the suspension");
    }

    [Fact]
    public async Task A_platform_moved_to_another_host_leaves_the_first_enterprise()
    {
        var first = await client.CreateEnterpriseAsync("120118", null);
        var second = await client.CreateEnterpriseAsync("120118", null);
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var park = Accredited(Guid.NewGuid(), first, "静海农业科技园区", start, "AgriculturalSciencePark", "district");
        await PublishAsync(park);
        await Eventually.HoldsAsync(async () => (await PlatformNamesAsync(first)).Length == 1, "the first host lists it");

        await PublishAsync(new PlatformUpdated(park.PlatformId, park.Name, park.Type, park.Level, [], "120118", null, false, null, "enterprise", second,
            "天津市海河智能科技有限公司", null, park.ApprovedOn, null, "active", park.StatusSince) { OccurredAt = start.AddSeconds(1) });

        await Eventually.HoldsAsync(async () => (await PlatformNamesAsync(second)).Length == 1, "the second host lists it");
        (await PlatformNamesAsync(first)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_enterprise_list_and_write_answers_carry_no_platforms()
    {
        var code = await client.CreateEnterpriseAsync("120118", null);

        var list = await (await client.GetAsync($"/api/v1/enterprises?q={code}")).JsonAsync(HttpStatusCode.OK);

        list["items"]![0]!["platforms"].Should().BeNull();
        (await PlatformNamesAsync(code)).Should().BeEmpty();
    }
}
