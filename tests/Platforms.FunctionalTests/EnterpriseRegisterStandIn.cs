using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Platforms.FunctionalTests;

/// <summary>
/// A stand-in of the Enterprises API and the gateway's token endpoint, served to the enterprise
/// directory's HTTP client as its primary handler: GET /api/v1/enterprises/{code} answers the
/// enterprises it holds (404 for the others), to a bearer of the token it issued.
/// </summary>
public sealed class EnterpriseRegisterStandIn : HttpMessageHandler
{
    public const string BaseUrl = "http://enterprises.test";
    public const string TokenUrl = "http://gateway.test/connect/token";
    public const string ClientId = "platforms-service";
    public const string ClientSecret = "platforms/secret&odd:chars";

    private readonly ConcurrentDictionary<string, object> enterprises = new();
    private readonly ConcurrentDictionary<string, int> lookups = new();
    private int tokensIssued;

    /// <summary>While true, every request fails as an unreachable host does.</summary>
    public bool Down { get; set; }

    /// <summary>When set, answers every enterprise request in its place (an unreadable answer).</summary>
    public Func<HttpResponseMessage>? Answer { get; set; }

    /// <summary>When set, runs with the requested code before an enterprise request is answered (what happens meanwhile).</summary>
    public Func<string, Task>? WhileAsked { get; set; }

    public void Holds(string creditCode, string name = "天津市海河智能科技有限公司", string regionCode = "120118", string? zoneCode = null) =>
        enterprises[creditCode] = new { creditCode, name, regionCode, zoneCode, industry = "新材料", foundedOn = "2015-03-18", qualifications = Array.Empty<object>() };

    /// <summary>How often the directory asked for this code.</summary>
    public int LookupsOf(string creditCode) => lookups.GetValueOrDefault(creditCode);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new HttpRequestException("Connection refused (enterprises.test:80)", null, HttpStatusCode.ServiceUnavailable);
        }

        var url = request.RequestUri!;
        if (url.ToString() == TokenUrl)
        {
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(ClientSecret)}"));
            if (request.Headers.Authorization?.ToString() != $"Basic {basic}" || !form.Contains("scope=enterprises.read"))
            {
                return new HttpResponseMessage(HttpStatusCode.Unauthorized);
            }

            var issued = Interlocked.Increment(ref tokensIssued);
            return Json(new { access_token = $"token-{issued}", token_type = "Bearer", expires_in = 3600 });
        }

        const string prefix = "/api/v1/enterprises/";
        if (url.Host != new Uri(BaseUrl).Host || !url.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        if (request.Headers.Authorization?.Scheme != "Bearer" || !request.Headers.Authorization.Parameter!.StartsWith("token-", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }

        var code = Uri.UnescapeDataString(url.AbsolutePath[prefix.Length..]);
        lookups.AddOrUpdate(code, 1, (_, n) => n + 1);
        if (WhileAsked is { } meanwhile)
        {
            await meanwhile(code);
        }

        if (Answer is { } answer)
        {
            return answer();
        }

        return enterprises.TryGetValue(code, out var enterprise) ? Json(enterprise) : new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    public static HttpResponseMessage Json(object body) => Raw(JsonSerializer.Serialize(body));

    public static HttpResponseMessage Raw(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
