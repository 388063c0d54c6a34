using TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enterprises.Api.Data;
using EventBus.Redis.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enterprises.FunctionalTests;

/// <summary>Enterprises-specific request bodies, calls and look-ups.</summary>
public static class Api
{
    public static object Enterprise(string creditCode, string regionCode = "120116", string? zoneCode = "12Z01",
        string industry = "新一代信息技术", string foundedOn = "2015-03-18") => new
    {
        creditCode,
        name = "天津市海河智能科技有限公司",
        nameEn = "Tianjin Haihe Intelligent Technology Co., Ltd.",
        regionCode,
        zoneCode,
        industry,
        foundedOn,
    };

    public static async Task<string> CreateEnterpriseAsync(this HttpClient client, string regionCode = "120116", string? zoneCode = "12Z01",
        string industry = "新一代信息技术", string foundedOn = "2015-03-18")
    {
        var code = CreditCodes.New();
        var response = await client.PostJsonAsync("/api/v1/enterprises", Enterprise(code, regionCode, zoneCode, industry, foundedOn));
        await response.JsonAsync(HttpStatusCode.Created);
        return code;
    }

    public static async Task<JsonNode> GrantAsync(this HttpClient client, string creditCode, string type, string grantedOn,
        string? expiresOn = null)
    {
        var response = await client.PostJsonAsync($"/api/v1/enterprises/{creditCode}/qualifications",
            new { type, certificateNumber = "GR202512000123", grantedOn, expiresOn });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonNode> DesignateAsync(this HttpClient client, string creditCode, string kind, string since,
        string? board = null)
    {
        var response = await client.PostJsonAsync($"/api/v1/enterprises/{creditCode}/designations", new { kind, board, since });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>A POST with an If-Match header, sent as is (the designation actions check it when sent).</summary>
    public static Task<HttpResponseMessage> PostWithIfMatchAsync(this HttpClient client, string url, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static object Report(decimal revenueWan = 12000m, int employees = 180, int rdStaff = 40, decimal highTechRevenueWan = 9000m) => new
    {
        revenueWan,
        rdExpenseWan = 860.5m,
        highTechRevenueWan,
        employees,
        rdStaff,
        inventionPatents = 12,
        class1Ip = 15,
        class2Ip = 30,
        totalAssetsWan = 25000m,
    };

    /// <summary>The outbox rows of one event type whose payload names the credit code.</summary>
    public static async Task<List<JsonNode>> OutboxAsync(this EnterprisesApiFactory factory, string type, string creditCode)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        var messages = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == type).OrderBy(m => m.Id).ToListAsync();
        return messages.Select(m => JsonNode.Parse(m.Payload)!)
            .Where(p => p["creditCode"]!.GetValue<string>() == creditCode).ToList();
    }

    public static async Task<int> OutboxCountAsync(this EnterprisesApiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>().Set<OutboxMessage>().CountAsync();
    }

    public static string[] Strings(this JsonNode? array, string field) =>
        array!.AsArray().Select(item => item![field]!.GetValue<string>()).ToArray();
}
