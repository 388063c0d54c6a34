using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using SharedKernel.Access;

namespace Gateway.Tokens;

/// <summary>
/// OAuth2 client-credentials grant (RFC 6749 §4.4) for the clients in configuration, with the
/// OpenID Connect discovery document and JWKS that let every service validate the tokens itself.
/// Errors follow RFC 6749 §5.2 (<c>error</c>, <c>error_description</c>), which OAuth client libraries expect.
/// </summary>
public static partial class TokenEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";
    private const string FormMediaType = "application/x-www-form-urlencoded";

    public static IServiceCollection AddTokenIssuer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TokenIssuerOptions>().Bind(configuration.GetSection(TokenIssuerOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Clients.All(c => SecretHashFormat().IsMatch(c.SecretHash)),
                "TokenIssuer:Clients:*:SecretHash must be 'sha256:' and the 64 hex digits of the secret's digest.")
            .Validate(o => o.Clients.SelectMany(c => c.Scopes).All(s => ClientRegistration.Expand(s).Any()),
                $"TokenIssuer:Clients:*:Scopes must be among: {string.Join(", ", Scopes.All)}, or '*' (all) or '*.read' (every read scope).")
            .ValidateOnStart();
        services.AddSingleton<SigningKeys>();
        return services;
    }

    public static WebApplication MapTokenEndpoints(this WebApplication app)
    {
        // Never compressed: the answer carries a secret, and its compressed length would leak it (BREACH).
        app.MapPost("/connect/token", IssueToken).WithTags("Tokens").WithName("IssueToken").WithoutResponseCompression()
            .WithSummary("Client-credentials grant: form fields grant_type=client_credentials, client_id, client_secret (or HTTP Basic), optional scope")
            .ReadsBody<TokenRequest>(FormMediaType)
            .Produces<TokenResponse>(StatusCodes.Status200OK)
            .Produces<OAuthError>(StatusCodes.Status400BadRequest)
            .Produces<OAuthError>(StatusCodes.Status401Unauthorized);
        app.MapGet("/.well-known/openid-configuration", Discovery).WithTags("Tokens").WithName("Discovery")
            .WithSummary("OpenID Connect discovery document");
        app.MapGet(JwksPath, Jwks).WithTags("Tokens").WithName("Jwks").WithSummary("The public keys tokens are signed with");
        return app;
    }

    private static async Task<IResult> IssueToken(HttpContext http, IOptions<TokenIssuerOptions> options, SigningKeys keys,
        TimeProvider clock)
    {
        if (!http.Request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", "Send the request as application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException unreadable)
        {
            return OAuthError(400, "invalid_request", $"The form could not be read: {unreadable.Message}");
        }

        // RFC 6749 §3.2: no parameter more than once. Read as one value, a repeated one would be its values joined by commas.
        if (form.FirstOrDefault(field => field.Value.Count > 1) is { Key: { } repeated })
        {
            return OAuthError(400, "invalid_request", $"Each form field at most once; {repeated} is repeated.");
        }

        var request = TokenRequest.From(form);
        if (!request.IsWithinLimits)
        {
            return OAuthError(400, "invalid_request",
                $"Form fields are at most {TokenRequest.MaxFieldLength} characters.");
        }

        if (request.GrantType != "client_credentials")
        {
            return OAuthError(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
        }

        var (clientId, secret, usedBasic) = Credentials(http.Request, request);
        var client = options.Value.Clients.SingleOrDefault(c => c.ClientId == clientId);
        if (client is null || secret is null || !SecretMatches(client.SecretHash, secret))
        {
            if (usedBasic)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"token\"";
            }

            return OAuthError(401, "invalid_client", "Unknown client or wrong secret.");
        }

        var requested = (request.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var refused = requested.Except(client.GrantedScopes).ToList();
        if (refused.Count > 0)
        {
            return OAuthError(400, "invalid_scope", $"This client may not hold: {string.Join(" ", refused)}.");
        }

        var scopes = requested.Length > 0 ? requested.Distinct().ToArray() : [.. client.GrantedScopes];
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["client_id"] = client.ClientId,
            ["scope"] = string.Join(' ', scopes),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (client.Region is { Length: > 0 } region)
        {
            claims["region"] = region;
        }

        if (client.Unit is { Length: > 0 } unit)
        {
            claims[ServiceDefaults.Auth.Caller.UnitClaim] = unit;
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = Scopes.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", client.ClientId)]),
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.TokenLifetime,
            SigningCredentials = keys.Current,
        });
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return Results.Json(new TokenResponse(token, "Bearer", (int)options.Value.TokenLifetime.TotalSeconds, string.Join(' ', scopes)));
    }

    private static IResult Discovery(IOptions<TokenIssuerOptions> options)
    {
        var issuer = options.Value.Issuer.TrimEnd('/');
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = issuer + JwksPath,
            ["token_endpoint"] = issuer + "/connect/token",
            ["grant_types_supported"] = new[] { "client_credentials" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" },
            ["scopes_supported"] = Scopes.All,
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["claims_supported"] = new[] { "sub", "client_id", "scope", "region", ServiceDefaults.Auth.Caller.UnitClaim },
        });
    }

    private static IResult Jwks(SigningKeys keys) => Results.Json(new
    {
        keys = keys.PublicJwks.Select(k => new { kty = k.Kty, use = k.Use, alg = k.Alg, kid = k.Kid, n = k.N, e = k.E }),
    });

    /// <summary>client_secret_basic (RFC 6749 §2.3.1) or client_secret_post.</summary>
    private static (string? ClientId, string? Secret, bool Basic) Credentials(HttpRequest request, TokenRequest form)
    {
        // "Basic" with nothing after it (as a proxy may trim "Basic ") is still an attempt at Basic, answered with its challenge.
        var header = request.Headers.Authorization.ToString();
        if (header.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[5..].Trim()));
                var colon = pair.IndexOf(':');
                return colon < 0 ? (null, null, true)
                    : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]), true);
            }
            catch (FormatException)
            {
                return (null, null, true);
            }
        }

        return (form.ClientId, form.ClientSecret, false);
    }

    private static bool SecretMatches(string storedHash, string secret)
    {
        var expected = Convert.FromHexString(storedHash["sha256:".Length..]);
        return CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^sha256:[0-9A-Fa-f]{64}$")]
    private static partial System.Text.RegularExpressions.Regex SecretHashFormat();

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new OAuthError(error, description), statusCode: status);
}
