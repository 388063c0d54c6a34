using Enterprises.Contracts;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventBus;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Plans.Api.RegisterMetrics.Reconciliation;

namespace Plans.FunctionalTests;

/// <summary>Plays the Enterprises service's events onto a factory's stream, as its outbox relay would.</summary>
public sealed class EnterpriseStream(ServiceApiFactory<Program> factory)
{
    private static long nextQualificationId = Random.Shared.Next(1, 1_000_000) * 1000L;
    private readonly DateTimeOffset start = factory.Clock.GetUtcNow().AddDays(-1);
    private int tick;

    public static string NewCreditCode(string region = "120118") => $"91{region}{Guid.NewGuid():N}"[..18].ToUpperInvariant();

    public static long NewQualificationId() => Interlocked.Increment(ref nextQualificationId);

    /// <summary>Event times: increasing, and all before the service's clock (so before any reconciliation's snapshot).</summary>
    public DateTimeOffset Next() => start.AddSeconds(Interlocked.Increment(ref tick));

    public string Publish(IntegrationEvent @event)
    {
        var envelope = EventEnvelope.Wrap(@event, "enterprises");
        return Publish(envelope);
    }

    /// <summary>Puts the envelope on the stream (again, for a redelivery) and wakes the consumer, as the relay does.</summary>
    public string Publish(EventEnvelope envelope) => TestRedis.Publish(factory.StreamPrefix, envelope);

    /// <summary>Puts the envelopes on the stream at once, so that the consumer applies them as one batch (up to the 200 it reads at a time).</summary>
    public void PublishAll(IEnumerable<EventEnvelope> envelopes) =>
        TestRedis.AppendAll(factory.StreamPrefix + "enterprises", envelopes.Select(TestRedis.Fields));

    public EnterpriseRegistered Registered(string creditCode, string region, string? zone = null) =>
        new(creditCode, "天津测试科技有限公司", region, zone, "软件和信息技术服务业", new DateOnly(2015, 5, 1)) { OccurredAt = Next() };

    public EnterpriseUpdated Moved(string creditCode, string region, string? zone = null) =>
        new(creditCode, "天津测试科技有限公司", region, zone, "软件和信息技术服务业", new DateOnly(2015, 5, 1)) { OccurredAt = Next() };

    public QualificationGranted Granted(long id, string creditCode, string type, string region, string? zone = null, DateOnly? grantedOn = null) =>
        new(id, creditCode, type, region, zone, grantedOn ?? new DateOnly(2026, 10, 1), (grantedOn ?? new DateOnly(2026, 10, 1)).AddYears(3))
        {
            OccurredAt = Next(),
        };

    public QualificationRevoked Revoked(QualificationGranted grant) =>
        new(grant.QualificationId, grant.CreditCode, grant.Type, grant.RegionCode, grant.ZoneCode, grant.GrantedOn, grant.ExpiresOn,
            new DateOnly(2026, 11, 20), "申报材料弄虚作假") { OccurredAt = Next() };

    /// <summary>Registers an enterprise and grants it a qualification; returns the grant.</summary>
    public QualificationGranted RegisterAndGrant(string region, string type = "HighTech", string? zone = null, DateOnly? grantedOn = null)
    {
        var creditCode = NewCreditCode(region);
        Publish(Registered(creditCode, region, zone));
        var grant = Granted(NewQualificationId(), creditCode, type, region, zone, grantedOn);
        Publish(grant);
        return grant;
    }
}

/// <summary>Plans, bound indicators and their progress, for the register tests.</summary>
public static class RegisterApi
{
    public static async Task<string> CreateBoundPlanAsync(this HttpClient client, string regionCode, string indicatorCode = "T1",
        string metric = "enterprises.qualified.HighTech", object? indicator = null)
    {
        var level = regionCode == "120000" ? "municipal" : regionCode.StartsWith("12Z", StringComparison.Ordinal) ? "functionalZone" : "district";
        var code = await client.CreatePlanAsync(regionCode: regionCode, level: level);
        var response = await client.PostJsonAsync($"/api/v1/plans/{code}/indicators", indicator ?? Api.Indicator(indicatorCode, metric));
        await response.JsonAsync(HttpStatusCode.Created);
        return code;
    }

    public static object CumulativeIndicator(string code, string metric, decimal baseline) => new
    {
        code,
        name = "累计认定雏鹰企业",
        unit = "家",
        measure = "cumulative",
        direction = "increase",
        baseline = new { year = 2020, value = baseline },
        targets = new[] { new { year = 2025, value = baseline * 4, qualifier = (string?)null } },
        metric,
    };

    /// <param name="latest">Reckon with the latest figure of each year, approved or not (figures=latest).</param>
    public static async Task<JsonNode> ProgressOfAsync(this HttpClient client, string planCode, string indicatorCode = "T1", bool latest = false)
    {
        var body = await (await client.GetAsync($"/api/v1/plans/{planCode}/progress{(latest ? "?figures=latest" : "")}")).JsonAsync(HttpStatusCode.OK);
        return body["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == indicatorCode)!;
    }

    public static async Task<decimal?> ActualAsync(this HttpClient client, string planCode, string indicatorCode = "T1") =>
        (await client.ProgressOfAsync(planCode, indicatorCode))["actual"]?["value"]?.GetValue<decimal>();

    public static async Task<JsonArray> ObservationsAsync(this HttpClient client, string planCode, string indicatorCode = "T1") =>
        (await (await client.GetAsync($"/api/v1/plans/{planCode}/indicators/{indicatorCode}/observations?pageSize=500"))
            .JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();

    /// <summary>Waits until the indicator's actual is the value.</summary>
    public static Task ActualBecomesAsync(this HttpClient client, string planCode, decimal expected, string indicatorCode = "T1") =>
        Eventually.HoldsAsync(async () => await client.ActualAsync(planCode, indicatorCode) == expected,
            $"{planCode}/{indicatorCode} shows {expected}");

    private static int sinceDays;

    /// <summary>A date not used before for a statement, so that setting it changes the statement and refreshes every plan.</summary>
    public static string NextSince() => new DateOnly(2026, 1, 1).AddDays(Interlocked.Increment(ref sinceDays) % 300).ToString("yyyy-MM-dd");

    public static async Task<JsonNode> SetAuthorityAsync(this HttpClient client, string regionCode, bool authoritative, string? since,
        string register = "enterprises") =>
        await (await client.PutAsJsonAsync($"/api/v1/regions/{regionCode}/registers/{register}", new { authoritative, since }))
            .JsonAsync(HttpStatusCode.OK);
}

/// <summary>
/// A stand-in of the Enterprises API and the gateway's token endpoint, served to the Plans service's
/// register client as its primary handler: qualifications and designations paged as the real API pages them.
/// </summary>
public sealed class FakeEnterpriseRegister : HttpMessageHandler
{
    public const string BaseUrl = "http://enterprises.test";
    public const string TokenUrl = "http://gateway.test/connect/token";
    public const string ClientId = "plans-reconciler";
    public const string ClientSecret = "s3cret/with:odd&chars";

    private readonly Lock gate = new();
    private List<object> qualifications = [];
    private List<object> designations = [];

    /// <summary>While true, every request fails as an unreachable host does.</summary>
    public bool Down { get; set; }

    /// <summary>When set, answers the lists in place of the register (a malformed or inconsistent page).</summary>
    public Func<int, HttpResponseMessage>? PageAnswer { get; set; }

    /// <summary>When set, answers the token request in place of the token endpoint.</summary>
    public Func<HttpResponseMessage>? TokenAnswer { get; set; }

    public int TokensIssued { get; private set; }
    public List<string> Requests { get; } = [];

    public void Holds(IEnumerable<object> items, IEnumerable<object>? designated = null)
    {
        lock (gate)
        {
            qualifications = items.ToList();
            designations = (designated ?? []).ToList();
        }
    }

    public static object Qualification(long id, string creditCode, string region, string type, string status, DateOnly grantedOn,
        string? zone = null, decimal? revenueWan = null) => new
    {
        id,
        creditCode,
        regionCode = region,
        zoneCode = zone,
        type,
        certificateNumber = $"GR2026{id % 100000:00000}",
        grantedOn = grantedOn.ToString("yyyy-MM-dd"),
        expiresOn = grantedOn.AddYears(3).ToString("yyyy-MM-dd"),
        status,
        revokedOn = status == "revoked" ? "2026-11-01" : null,
        revocationReason = status == "revoked" ? "申报材料弄虚作假" : null,
        expiredOn = (string?)null,
        holderRevenueWan = revenueWan,
        holderRevenueYear = revenueWan is null ? (int?)null : 2025,
    };

    public static object Designation(long id, string creditCode, string region, string kind, DateOnly since, DateOnly? endedOn = null,
        bool withdrawn = false, string? zone = null) => new
    {
        id,
        creditCode,
        regionCode = region,
        zoneCode = zone,
        kind,
        board = kind == "Listed" ? "科创板" : null,
        since = since.ToString("yyyy-MM-dd"),
        endedOn = endedOn?.ToString("yyyy-MM-dd"),
        withdrawn,
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new HttpRequestException("Connection refused (enterprises.test:80)", null, HttpStatusCode.ServiceUnavailable);
        }

        var url = request.RequestUri!;
        lock (gate)
        {
            Requests.Add($"{request.Method} {url}");
        }

        if (url.ToString() == TokenUrl)
        {
            if (TokenAnswer is { } tokenAnswer)
            {
                return tokenAnswer();
            }

            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(ClientSecret)}"));
            if (request.Headers.Authorization?.ToString() != $"Basic {basic}" || !form.Contains("grant_type=client_credentials")
                || !form.Contains("scope=enterprises.read"))
            {
                return new HttpResponseMessage(HttpStatusCode.Unauthorized);
            }

            TokensIssued++;
            return JsonAnswer(new { access_token = $"token-{TokensIssued}", token_type = "Bearer", expires_in = 3600 });
        }

        if (url.AbsolutePath is not ("/api/v1/qualifications" or "/api/v1/designations") || url.Host != new Uri(BaseUrl).Host)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        if (request.Headers.Authorization?.ToString() != $"Bearer token-{TokensIssued}" || TokensIssued == 0)
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }

        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var page = int.Parse(query["page"] ?? "1");
        var pageSize = int.Parse(query["pageSize"] ?? "50");
        if (pageSize > 500)
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest);
        }

        if (PageAnswer is { } pageAnswer)
        {
            return pageAnswer(page);
        }

        List<object> all;
        lock (gate)
        {
            all = (url.AbsolutePath == "/api/v1/designations" ? designations : qualifications).ToList();
        }

        return JsonAnswer(new { items = all.Skip((page - 1) * pageSize).Take(pageSize), page, pageSize, totalCount = all.Count });
    }

    public static HttpResponseMessage JsonAnswer(object body) => RawAnswer(JsonSerializer.Serialize(body));

    public static HttpResponseMessage RawAnswer(string json) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };
}

/// <summary>The Plans service with a stand-in Enterprises API configured as its register.</summary>
public class RegisterPlansApiFactory : PlansApiFactory
{
    public FakeEnterpriseRegister Register { get; } = new();

    /// <summary>Off by default, so that a test decides when reconciliation runs.</summary>
    public bool ReconcileOnStartup { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Registers:Enterprises:BaseUrl", FakeEnterpriseRegister.BaseUrl);
        builder.UseSetting("Registers:Enterprises:TokenUrl", FakeEnterpriseRegister.TokenUrl);
        builder.UseSetting("Registers:Enterprises:ClientId", FakeEnterpriseRegister.ClientId);
        builder.UseSetting("Registers:Enterprises:ClientSecret", FakeEnterpriseRegister.ClientSecret);
        builder.UseSetting("Registers:Enterprises:ReconcileOnStartup", ReconcileOnStartup ? "true" : "false");
        builder.UseSetting("Registers:Enterprises:StartupRetryDelay", "00:00:00.200");
        builder.ConfigureServices(services =>
            services.AddHttpClient(RegisterApiClient.HttpClientName("enterprises")).ConfigurePrimaryHttpMessageHandler(() => Register));
    }
}
