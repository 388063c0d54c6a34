using System.Net;
using System.Text.Json;
using EventBus;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Plans.Api.RegisterMetrics.Reconciliation;
using Platforms.Contracts;
using Talent.Contracts;

namespace Plans.FunctionalTests;

/// <summary>
/// Reconciliation rebuilds the copies of the platform and talent registers from stand-ins of their
/// owners' APIs: what the events missed arrives, what the register no longer holds leaves, and the
/// events after it go on from the rebuilt counts. The expected counts are written out from the
/// register's lists, not read from the counters.
/// </summary>
public sealed class OwnedRegisterReconciliationTests(OwnedRegisterReconciliationTests.Factory factory)
    : IClassFixture<OwnedRegisterReconciliationTests.Factory>
{
    /// <summary>The Plans service with stand-ins of the Platforms and Talent APIs configured as its registers.</summary>
    public sealed class Factory : PlansApiFactory
    {
        public FakeListRegister Platforms { get; } = new("http://platforms.test");
        public FakeListRegister Talent { get; } = new("http://talent.test");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (name, register) in new[] { ("Platforms", Platforms), ("Talent", Talent) })
            {
                builder.UseSetting($"Registers:{name}:BaseUrl", register.BaseUrl);
                builder.UseSetting($"Registers:{name}:ReconcileOnStartup", "false");
            }

            builder.ConfigureServices(services =>
            {
                services.AddHttpClient(RegisterApiClient.HttpClientName("platforms")).ConfigurePrimaryHttpMessageHandler(() => Platforms);
                services.AddHttpClient(RegisterApiClient.HttpClientName("talent")).ConfigurePrimaryHttpMessageHandler(() => Talent);
            });
        }
    }

    private readonly HttpClient client = factory.CreateClient();
    private readonly DateTimeOffset start = factory.Clock.GetUtcNow().AddDays(-1);
    private int tick;

    [Fact]
    public async Task Reconciling_the_platform_register_replaces_its_copy_and_counts()
    {
        var tenants = await client.CreateBoundPlanAsync("12Z02", metric: "platforms.tenants.active");
        var incubators = await client.CreateBoundPlanAsync("12Z02", metric: "platforms.active.Incubator.national");
        var abroad = await client.CreateBoundPlanAsync("12Z02", metric: "platforms.active.all.abroad");
        var specialized = await client.CreateBoundPlanAsync("12Z02", metric: "platforms.active.MakerSpace.designated.specialized");
        var accredited = await client.CreateBoundPlanAsync("12Z02",
            indicator: RegisterApi.CumulativeIndicator("T1", "platforms.accredited.Incubator+MakerSpace.enterpriseHosted", baseline: 0));
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince(), register: "platforms");
        var missed = Accredited("Incubator", "national");
        var seen = Accredited("Incubator", "national");
        Publish(seen, "platforms");
        Publish(Admitted(seen, 1), "platforms");
        await client.ActualBecomesAsync(tenants, 1);
        await client.ActualBecomesAsync(incubators, 1);

        // The register as it is: the platform the events brought has been suspended and its tenant has left; another,
        // whose events were missed, is active with two tenants there now; a third is of the district level, abroad and hosted by
        // a university; a specialized maker space was approved in 2020, before the baseline year ended. Enterprises host the others.
        factory.Platforms.Holds("/api/v1/platforms",
        [
            Listed(seen, "Suspended", activeTenants: 0),
            Listed(missed, "Active", activeTenants: 2),
            Listed(Accredited("Incubator", "district"), "Active", activeTenants: 0, country: "SG", enterpriseHosted: false),
            Listed(Accredited("MakerSpace", "municipal"), "Active", activeTenants: 0, designations: ["specialized"], approvedOn: "2020-06-30"),
        ]);
        factory.Platforms.Holds("/api/v1/tenants", [ListedTenant(71, missed.PlatformId), ListedTenant(72, missed.PlatformId)]);

        var report = await (await client.PostAsync("/api/v1/registers/platforms/reconcile", null)).JsonAsync(HttpStatusCode.OK);

        report["platforms"]!.GetValue<int>().Should().Be(4);
        report["tenants"]!.GetValue<int>().Should().Be(2);
        (await client.ActualAsync(tenants)).Should().Be(2, "the missed platform's two tenants are there, the one that left is not");
        (await client.ActualAsync(incubators)).Should().Be(1, "the missed platform is active, the suspended one is not");
        (await client.ActualAsync(abroad)).Should().Be(1, "one listed platform is located abroad");
        (await client.ActualAsync(specialized)).Should().Be(1);
        (await client.ActualAsync(accredited)).Should().Be(2,
            "the two incubators hosted by enterprises count whatever their status; the one a university hosts and the maker space approved in 2020 do not");
        factory.Platforms.Requests.Where(r => r.Contains("tenants", StringComparison.Ordinal)).Should().NotBeEmpty()
            .And.OnlyContain(r => r == "/api/v1/tenants?active=true&page=1&pageSize=500",
                "the tenants there now are read from the register-wide list, a page of 500 at a time, not platform by platform");

        // News older than the snapshot does not undo it; news after it goes on from the rebuilt counts.
        Publish(new PlatformStatusChanged(seen.PlatformId, seen.Name, seen.Type, seen.Level, seen.Designations, seen.RegionCode, seen.ZoneCode,
            false, null, seen.ApprovedOn, "underConstruction", "active", new DateOnly(2026, 6, 1), "stale") { OccurredAt = Next() }, "platforms");
        Publish(new TenantGraduated(72, missed.PlatformId, "Incubator", "national", "120116", "12Z02", false, "enterprise",
            EnterpriseStream.NewCreditCode("120116"), null, new DateOnly(2026, 7, 1), new DateOnly(2026, 11, 30), "graduated")
        {
            OccurredAt = factory.Clock.GetUtcNow().AddMinutes(1),
        }, "platforms");
        await client.ActualBecomesAsync(tenants, 1);
        (await client.ActualAsync(incubators)).Should().Be(1);
    }

    [Fact]
    public async Task Reconciling_the_talent_register_replaces_its_copy_and_counts()
    {
        var young = await client.CreateBoundPlanAsync("120113", metric: "talent.recognized.YoungScientists");
        var foreign = await client.CreateBoundPlanAsync("120113", metric: "talent.recognized.YoungScientists.foreign");
        var active = await client.CreateBoundPlanAsync("120113", metric: "talent.commissioners.active");
        var excellent = await client.CreateBoundPlanAsync("120113", metric: "talent.commissioners.excellent");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince(), register: "talent");
        var seen = new TalentRecognized(Guid.NewGuid(), Guid.NewGuid(), "YoungScientists", 2025, null, "CN", "120113", null, null)
        {
            OccurredAt = Next(),
        };
        Publish(seen, "talent");
        await client.ActualBecomesAsync(young, 1);

        // The register as it is: the recognition the events brought was revoked in October; two others were missed, one
        // of them of foreign talent; and one person serves in Beichen under two assignments, appraised excellent last year.
        var person = Guid.NewGuid();
        factory.Talent.Holds("/api/v1/talents/recognitions",
        [
            Recognition(seen.RecognitionId, "revoked", "CN", revokedOn: "2026-10-01"),
            Recognition(Guid.NewGuid(), "valid", "DE"),
            Recognition(Guid.NewGuid(), "valid", "CN"),
        ]);
        factory.Talent.Holds("/api/v1/commissioners",
        [
            Assignment(person, "2025-01-01", "2027-12-31", new { year = 2025, grade = "excellent" }),
            Assignment(person, "2026-03-01", "2026-12-31"),
            Assignment(Guid.NewGuid(), "2023-01-01", "2025-12-31", new { year = 2024, grade = "excellent" }),
        ]);

        var report = await (await client.PostAsync("/api/v1/registers/talent/reconcile", null)).JsonAsync(HttpStatusCode.OK);

        report["recognitions"]!.GetValue<int>().Should().Be(3);
        report["commissioners"]!.GetValue<int>().Should().Be(3);
        (await client.ActualAsync(young)).Should().Be(2, "the revoked recognition leaves, the two missed arrive");
        (await client.ActualAsync(foreign)).Should().Be(1);
        (await client.ActualAsync(active)).Should().Be(1, "one person serves, once however many assignments; the other's ended");
        (await client.ActualAsync(excellent)).Should().Be(1, "last year's excellent counts until the end of this year, the year before's no more");

        // News older than the snapshot does not undo it.
        Publish(seen with { OccurredAt = Next() }, "talent");
        Publish(new TalentRecognized(Guid.NewGuid(), Guid.NewGuid(), "YoungScientists", 2026, null, "CN", "120113", null, null)
        {
            OccurredAt = Next(),
        }, "talent");
        await client.ActualBecomesAsync(young, 3);
    }

    [Theory]
    [InlineData("universities")]
    [InlineData("platforms.active")]
    [InlineData("%E5%B9%B3%E5%8F%B0")]
    public async Task Reconciling_a_register_no_source_serves_is_404(string register)
    {
        await (await client.PostAsync($"/api/v1/registers/{register}/reconcile", null)).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    private PlatformAccredited Accredited(string type, string level) =>
        new(Guid.NewGuid(), "天津测试孵化器", type, level, [], "120116", "12Z02", false, null, "enterprise", null, "天津测试公司", null,
            new DateOnly(2026, 6, 1), null, "active", new DateOnly(2026, 6, 1)) { OccurredAt = Next() };

    private TenantAdmitted Admitted(PlatformAccredited p, long id) =>
        new(id, p.PlatformId, p.Type, p.Level, p.RegionCode, p.ZoneCode, false, "enterprise", EnterpriseStream.NewCreditCode(p.RegionCode), null,
            new DateOnly(2026, 7, 1)) { OccurredAt = Next() };

    private static object Listed(PlatformAccredited p, string status, int activeTenants, string? country = null, string[]? designations = null,
        string approvedOn = "2026-06-01", bool enterpriseHosted = true) => new
    {
        id = p.PlatformId, type = p.Type, level = char.ToUpperInvariant(p.Level[0]) + p.Level[1..], designations = designations ?? [],
        regionCode = p.RegionCode, zoneCode = p.ZoneCode, locationAbroad = country is null ? null : new { country, city = (string?)null },
        hostKind = enterpriseHosted ? "enterprise" : "university",
        hostCreditCode = enterpriseHosted ? EnterpriseStream.NewCreditCode(p.RegionCode) : null, approvedOn, status, activeTenants,
    };

    private static object ListedTenant(long id, Guid platformId) => new { id, platformId, active = true, graduatedOn = (string?)null };

    private static object Recognition(Guid id, string status, string nationality, string? revokedOn = null) => new
    {
        id, programme = "YoungScientists", status, revokedOn, nationality, regionCode = "120113", zoneCode = (string?)null,
    };

    private static object Assignment(Guid talentId, string startsOn, string endsOn, params object[] appraisals) => new
    {
        id = Guid.NewGuid(), talentId, regionCode = "120113", zoneCode = (string?)null, startsOn, endsOn, appraisals,
    };

    private DateTimeOffset Next() => start.AddSeconds(Interlocked.Increment(ref tick));

    private void Publish(IntegrationEvent @event, string source) => TestRedis.Publish(factory.StreamPrefix, EventEnvelope.Wrap(@event, source));
}

/// <summary>A stand-in of a register owner's API that pages lists by path (the query's <c>active=true</c> aside), without tokens.</summary>
public sealed class FakeListRegister(string baseUrl) : HttpMessageHandler
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<object>> lists = [];

    public string BaseUrl => baseUrl;

    public List<string> Requests { get; } = [];

    public void Holds(string path, IEnumerable<object> items)
    {
        lock (gate)
        {
            lists[path] = items.ToList();
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        List<object>? all;
        lock (gate)
        {
            Requests.Add(url.PathAndQuery);
            all = lists.GetValueOrDefault(url.AbsolutePath)?.ToList();
        }

        if (all is null || url.Host != new Uri(baseUrl).Host)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var page = int.Parse(query["page"] ?? "1");
        var pageSize = int.Parse(query["pageSize"] ?? "50");
        return Task.FromResult(FakeEnterpriseRegister.RawAnswer(JsonSerializer.Serialize(
            new { items = all.Skip((page - 1) * pageSize).Take(pageSize), page, pageSize, totalCount = all.Count })));
    }
}
