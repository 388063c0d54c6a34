using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace TestSupport;

/// <summary>Inputs an attacker or a broken client sends, shared by the services' and the gateway's tests.</summary>
public static class HostileInputs
{
    /// <summary>Bearer tokens that cannot be read, or read but never validate.</summary>
    public static readonly string[] UnreadableTokenKinds =
    [
        "three empty-looking parts", "garbage", "12 KB of base64url", "12 KB JWT", "alg none", "issuer is a number",
        "issuer is an object", "header is not JSON", "five parts", "not base64url", "trailing dot only",
        "alg none claiming the trusted issuer",
    ];

    public static string UnreadableToken(string kind, string trustedIssuer = "http://issuer.test") => kind switch
    {
        "three empty-looking parts" => "a.b.c",
        "garbage" => "garbage",
        "12 KB of base64url" => new string('A', 12 * 1024),
        "12 KB JWT" => Jwt("""{"alg":"RS256","typ":"JWT","kid":"x"}""", $$"""{"iss":"{{new string('x', 12 * 1024)}}","scope":"admin"}""") + "c2ln",
        "alg none" => "eyJhbGciOiJub25lIn0.eyJzY29wZSI6ImFkbWluIn0.",
        "issuer is a number" => Jwt("""{"alg":"RS256"}""", """{"iss":5}""") + "c2ln",
        "issuer is an object" => Jwt("""{"alg":"RS256"}""", """{"iss":{"a":[1,2]}}""") + "c2ln",
        "header is not JSON" => Segment("not json") + "." + Segment("{}") + ".c2ln",
        "five parts" => "a.b.c.d.e",
        "not base64url" => "%%%.###.$$$",
        "trailing dot only" => ".",
        "alg none claiming the trusted issuer" => Jwt("""{"alg":"none","typ":"JWT"}""",
            $$"""{"iss":"{{trustedIssuer}}","aud":"tianjin-sti-api","scope":"plans.read plans.write enterprises.read enterprises.write admin","client_id":"x","exp":4102444800}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Header and payload as a JWS without its signature (the caller appends one, or not).</summary>
    public static string Jwt(string header, string payload) => $"{Segment(header)}.{Segment(payload)}.";

    public static string Segment(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return request;
    }

    /// <summary>A request whose body is sent as the exact bytes given.</summary>
    public static HttpRequestMessage Raw(HttpMethod method, string url, byte[] body, string contentType, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return request;
    }

    public static HttpRequestMessage Raw(HttpMethod method, string url, string body, string contentType, string? ifMatch = null) =>
        Raw(method, url, Encoding.UTF8.GetBytes(body), contentType, ifMatch);

    /// <summary>Asserts the RFC 6750 answer to a token that cannot be used: a 401 problem and an invalid_token challenge.</summary>
    public static async Task InvalidTokenAsync(this HttpResponseMessage response, string because)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "{0}; the body was {1}", because, text);
        await response.ProblemAsync(HttpStatusCode.Unauthorized, "invalidToken");
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer" && h.Parameter == "error=\"invalid_token\"", because);
    }

    /// <summary>A sort parameter naming one field <paramref name="count"/> times (<c>id,id,…</c>).</summary>
    public static string RepeatedSort(string field, int count) => string.Join(',', Enumerable.Repeat(field, count));

    /// <summary>JSON nested <paramref name="depth"/> levels deep.</summary>
    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}
