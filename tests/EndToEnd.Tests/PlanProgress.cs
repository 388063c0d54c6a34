using System.Net;
using System.Text.Json.Nodes;
using TestSupport;

namespace EndToEnd.Tests;

public static class PlanProgress
{
    /// <summary>The value of an indicator's latest actual in its plan's progress (0 when it has none).</summary>
    public static async Task<decimal> ActualAsync(HttpClient gateway, string plan, string indicator)
    {
        var progress = await HttpApi.JsonAsync(await gateway.GetAsync($"/api/v1/plans/{plan}/progress"), HttpStatusCode.OK);
        var entry = progress["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == indicator)!;
        return entry["actual"] is JsonObject actual ? actual["value"]!.GetValue<decimal>() : 0;
    }
}
