using System.Net;
using System.Text.Json.Nodes;
using Enterprises.Contracts;
using EventBus;
using EventBus.Redis.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platforms.Api.Data;
using StackExchange.Redis;

namespace Platforms.FunctionalTests;

/// <summary>Platforms-specific request bodies, calls and look-ups.</summary>
public static class Api
{
    public static string UniqueName(string stem = "天津市测试科技企业孵化器") => $"{stem}{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A platform hosted by a university.</summary>
    public static Dictionary<string, object?> Platform(string type = "Incubator", string level = "national", string regionCode = "120118",
        string? zoneCode = null, string? name = null, string approvedOn = "2024-05-20") => new()
    {
        ["name"] = name ?? UniqueName(),
        ["nameEn"] = "Test Platform",
        ["type"] = type,
        ["level"] = level,
        ["regionCode"] = regionCode,
        ["zoneCode"] = zoneCode,
        ["hostName"] = "天津大学",
        ["hostKind"] = "university",
        ["field"] = "新材料",
        ["approvedOn"] = approvedOn,
        ["documentNumber"] = "国科发区〔2024〕88号",
    };

    /// <summary>The same platform, hosted by an enterprise instead.</summary>
    public static Dictionary<string, object?> HostedBy(this Dictionary<string, object?> platform, string creditCode)
    {
        platform.Remove("hostName");
        platform.Remove("hostKind");
        platform["hostCreditCode"] = creditCode;
        return platform;
    }

    public static Dictionary<string, object?> With(this Dictionary<string, object?> platform, string field, object? value)
    {
        platform[field] = value;
        return platform;
    }

    public static async Task<JsonNode> AccreditAsync(this HttpClient client, Dictionary<string, object?>? platform = null) =>
        await (await client.PostJsonAsync("/api/v1/platforms", platform ?? Platform())).JsonAsync(HttpStatusCode.Created);

    public static async Task<string> AccreditIdAsync(this HttpClient client, Dictionary<string, object?>? platform = null) =>
        (await client.AccreditAsync(platform))["id"]!.GetValue<string>();

    /// <summary>An enterprise the register stand-in holds.</summary>
    public static string Enterprise(this PlatformsApiFactory factory, string name = "天津市海河智能科技有限公司", string regionCode = "120118")
    {
        var code = CreditCodes.New(regionCode);
        factory.Register.Holds(code, name, regionCode);
        return code;
    }

    public static Task<HttpResponseMessage> ChangeStatusAsync(this HttpClient client, string id, string status, string? on = null,
        string reason = "年度考核", string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/platforms/{id}/status")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { status, reason, on }),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(ifMatch));
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> EvaluateAsync(this HttpClient client, string id, int year, string? grade = null, decimal? score = null,
        string? evaluatedOn = null) =>
        client.PostJsonAsync($"/api/v1/platforms/{id}/evaluations", new { year, grade, score, evaluatedOn });

    /// <summary>The outbox rows of one event type whose payload is about the platform.</summary>
    public static async Task<List<JsonNode>> OutboxAsync(this PlatformsApiFactory factory, string type, string platformId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformsDbContext>();
        var messages = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == type).OrderBy(m => m.Id).ToListAsync();
        return messages.Select(m => JsonNode.Parse(m.Payload)!).Where(p => p["platformId"]!.GetValue<string>() == platformId).ToList();
    }

    public static async Task<int> OutboxCountAsync(this PlatformsApiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformsDbContext>().Set<OutboxMessage>().CountAsync();
    }

    public static string[] Strings(this JsonNode? array, string field) =>
        array!.AsArray().Select(item => item![field]!.GetValue<string>()).ToArray();
}

/// <summary>Plays the Enterprises service's events onto a factory's stream, as its outbox relay would.</summary>
public sealed class EnterpriseStream(PlatformsApiFactory factory)
{
    private static readonly Lazy<ConnectionMultiplexer> Connection = new(() => ConnectionMultiplexer.Connect(PlatformsApiFactory.RedisServer));

    public void Publish(IntegrationEvent @event)
    {
        var envelope = EventEnvelope.Wrap(@event, "enterprises");
        Connection.Value.GetDatabase().StreamAdd(factory.StreamPrefix + "enterprises",
        [
            new("id", envelope.Id.ToString()), new("type", envelope.Type), new("occurredAt", envelope.OccurredAt.ToString("O")),
            new("source", "enterprises"), new("schemaVersion", "1"), new("payload", envelope.Payload),
        ]);
    }

    public static EnterpriseRegistered Registered(string creditCode, string name, string regionCode = "120118") =>
        new(creditCode, name, regionCode, null, "新材料", new DateOnly(2015, 3, 18));

    public static EnterpriseUpdated Renamed(string creditCode, string name, string regionCode = "120118") =>
        new(creditCode, name, regionCode, null, "新材料", new DateOnly(2015, 3, 18));
}
