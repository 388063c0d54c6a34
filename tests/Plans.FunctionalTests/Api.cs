using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>Plans-specific request bodies and calls.</summary>
public static class Api
{
    public static string UniqueCode(string prefix) => HttpApi.UniqueCode(prefix);

    public static object Plan(string code, string regionCode = "120000", string level = "municipal") => new
    {
        code,
        title = "天津市科技创新\"十四五\"规划",
        titleEn = "Tianjin S&T Innovation 14th Five-Year Plan",
        kind = "fiveYearPlan",
        level,
        regionCode,
        periodStart = 2021,
        periodEnd = 2025,
        baselineYear = 2020,
        issuer = "天津市人民政府办公厅",
        issuedOn = "2021-08-08",
    };

    public static object Indicator(string code, string metric = "enterprises.qualified.HighTech") => new
    {
        code,
        name = "国家高新技术企业总量",
        nameEn = "National high-tech enterprises",
        unit = "家",
        measure = "stock",
        direction = "increase",
        baseline = new { year = 2020, value = 7420 },
        targets = new[] { new { year = 2025, value = 11600, qualifier = (string?)null } },
        metric,
        source = "表1 第5行",
    };

    public static async Task<string> CreatePlanAsync(this HttpClient client, string? code = null, string regionCode = "120000",
        string level = "municipal")
    {
        code ??= UniqueCode("P");
        var response = await client.PostJsonAsync("/api/v1/plans", Plan(code, regionCode, level));
        await response.JsonAsync(HttpStatusCode.Created);
        return code;
    }

    public static async Task PublishAsync(this HttpClient client, string planCode) =>
        await (await client.PostAsync($"/api/v1/plans/{planCode}/publish", null)).JsonAsync(HttpStatusCode.OK);
}
