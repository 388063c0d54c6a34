using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TestSupport;

/// <summary>
/// An OpenID Connect issuer of the tests' own: an RSA key, a discovery document and a JWKS, served
/// to the service's JwtBearer handlers through their back-channel. The service validates these
/// tokens exactly as it validates the gateway's.
/// </summary>
public sealed class TestIssuer(string authority)
{
    public const string AllScopes = "plans.read plans.write enterprises.read enterprises.write admin";
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N")[..12] };

    public string Authority { get; } = authority;

    /// <param name="claims">Further claims, such as a <c>unit</c> or an issuer's own name for it.</param>
    public string Token(string scopes = AllScopes, string? region = null, string clientId = "test-client",
        DateTime? expires = null, string audience = "tianjin-sti-api", IReadOnlyDictionary<string, object>? claims = null)
    {
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>()) { ["client_id"] = clientId, ["scope"] = scopes };
        if (region is not null)
        {
            all["region"] = region;
        }

        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", clientId)]),
            Claims = all,
            IssuedAt = expiry.AddMinutes(-15),
            NotBefore = expiry.AddMinutes(-15),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public bool Serves(Uri uri) => uri.ToString().StartsWith(Authority, StringComparison.Ordinal);

    public string Document(Uri uri) => uri.AbsolutePath switch
    {
        "/.well-known/openid-configuration" => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = Authority + "/jwks",
            ["token_endpoint"] = Authority + "/token",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }),
        "/jwks" => JsonSerializer.Serialize(new
        {
            keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId }) }
                .Select(k => new { kty = k.Kty, kid = k.Kid, use = "sig", alg = "RS256", n = k.N, e = k.E }),
        }),
        _ => throw new InvalidOperationException($"No document at {uri}."),
    };
}

/// <summary>Answers the JwtBearer handlers' discovery and JWKS requests for the test issuers.</summary>
public sealed class IssuerBackchannel(params TestIssuer[] issuers) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var issuer = issuers.FirstOrDefault(i => i.Serves(request.RequestUri!));
        return Task.FromResult(issuer is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(issuer.Document(request.RequestUri!), Encoding.UTF8, "application/json"),
            });
    }
}
