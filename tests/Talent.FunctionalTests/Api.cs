using System.Net;
using System.Text.Json.Nodes;
using EventBus.Redis.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Talent.Api.Data;

namespace Talent.FunctionalTests;

/// <summary>Talent request bodies, calls and look-ups.</summary>
public static class Api
{
    public static object Person(string? idNumber = null, string? phone = null, string regionCode = "120104", string name = "张伟",
        string documentType = "residentIdentityCard", string? nationality = null, string? employerCreditCode = null, string? zoneCode = null) => new
    {
        documentType,
        idNumber = idNumber ?? Suite.IdNumber(),
        nationality,
        name,
        phone = phone ?? Suite.Phone(),
        education = "doctorate",
        title = "正高级工程师",
        field = "新材料",
        employerCreditCode,
        regionCode,
        zoneCode,
    };

    /// <summary>Registers a person and returns the answer (as the client sees it).</summary>
    public static async Task<JsonNode> RegisterAsync(this HttpClient client, object? person = null) =>
        await (await client.PostJsonAsync("/api/v1/talents", person ?? Person())).JsonAsync(HttpStatusCode.Created);

    public static async Task<Guid> RegisterIdAsync(this HttpClient client, string regionCode = "120104", string? nationality = null)
    {
        var body = nationality is null ? Person(regionCode: regionCode)
            : Person(Suite.Passport(), regionCode: regionCode, documentType: "passport", nationality: nationality, name: "John Smith");
        return (await client.RegisterAsync(body))["id"]!.GetValue<Guid>();
    }

    public static async Task<JsonNode> RecognizeAsync(this HttpClient client, Guid talentId, string programme = "YoungScientists", int year = 2024,
        string? tier = null) =>
        await (await client.PostJsonAsync($"/api/v1/talents/{talentId}/recognitions", new { programme, year, tier })).JsonAsync(HttpStatusCode.Created);

    /// <summary>The outbox payloads of one event type, oldest first.</summary>
    public static async Task<List<JsonNode>> OutboxAsync(this TalentApiFactory factory, string type) =>
        await factory.WithDbAsync(async db => (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == type).OrderBy(m => m.Id).ToListAsync())
            .Select(m => JsonNode.Parse(m.Payload)!).ToList());

    public static Task<List<OutboxMessage>> OutboxAsync(this TalentApiFactory factory) =>
        factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());

    public static string[] Strings(this JsonNode? array, string field) =>
        array!.AsArray().Select(item => item![field]!.GetValue<string>()).ToArray();
}
