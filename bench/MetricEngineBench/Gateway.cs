using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MetricEngineBench;

/// <summary>The system as a client sees it: the gateway, called with an admin token.</summary>
internal sealed class Gateway(Uri address) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromMinutes(10),
    };

    public async Task SignInAsync(string clientId, string secret)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("grant_type", "client_credentials"),
            KeyValuePair.Create("client_id", clientId),
            KeyValuePair.Create("client_secret", secret),
        ]));
        var body = await Read(response);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["access_token"]!.GetValue<string>());
    }

    public async Task MakeAuthoritativeAsync(string region, string register = "enterprises") =>
        await Read(await http.PutAsJsonAsync($"/api/v1/regions/{region}/registers/{register}", new { authoritative = true, since = "2020-01-01" }));

    public async Task<TimeSpan> ReconcileAsync()
    {
        var clock = Stopwatch.StartNew();
        await Read(await http.PostAsync("/api/v1/registers/enterprises/reconcile", null));
        return clock.Elapsed;
    }

    public async Task GrantAsync(string creditCode, DateOnly grantedOn) =>
        await Read(await http.PostAsJsonAsync($"/api/v1/enterprises/{creditCode}/qualifications",
            new { type = "HighTech", certificateNumber = $"GR{creditCode[^10..]}", grantedOn = grantedOn.ToString("yyyy-MM-dd") }));

    /// <summary>Accredits an active municipal incubator in Jinghai hosted by a university (no look-up at the enterprise register).</summary>
    public async Task AccreditIncubatorAsync(string name, DateOnly approvedOn) =>
        await Read(await http.PostAsJsonAsync("/api/v1/platforms", new
        {
            name, type = "Incubator", level = "municipal", regionCode = "120118", hostName = "天津大学", hostKind = "university",
            approvedOn = approvedOn.ToString("yyyy-MM-dd"),
        }));

    /// <summary>The value of an indicator's latest actual in its plan's progress (0 when it has none).</summary>
    public async Task<decimal> ActualAsync(string plan, string indicator)
    {
        var progress = await Read(await http.GetAsync($"/api/v1/plans/{plan}/progress"));
        var entry = progress["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == indicator)!;
        return entry["actual"] is JsonObject actual ? actual["value"]!.GetValue<decimal>() : 0;
    }

    public void Dispose() => http.Dispose();

    private static async Task<JsonNode> Read(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
            }

            return JsonNode.Parse(text)!;
        }
    }
}
