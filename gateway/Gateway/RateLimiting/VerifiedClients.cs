using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ServiceDefaults.Auth;

namespace Gateway.RateLimiting;

/// <summary>
/// Who a request counts as at the rate limiter: the client of a bearer token this gateway signed, or
/// nobody. The token's signature is checked once on this hop and the result reused: when the
/// gateway's own authentication has already validated a token of this issuer, its principal is taken
/// as it is; otherwise the token is checked against the signing keys through
/// <see cref="ValidatedTokens"/>, so a client's token is verified once while it is valid, not on
/// every request. The service a request goes on to validates it again, as its own hop's one check.
/// </summary>
public sealed class VerifiedClients
{
    private readonly CachingJsonWebTokenHandler handler;
    private readonly TokenValidationParameters parameters;
    private readonly string issuer;

    public VerifiedClients(SigningKeys keys, IOptions<TokenIssuerOptions> options)
    {
        issuer = options.Value.Issuer;
        handler = new CachingJsonWebTokenHandler();
        parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = SharedKernel.Access.Scopes.Audience,
            IssuerSigningKeys = keys.All,
        };
    }

    /// <summary>The tokens this hop has verified, for tests and diagnostics.</summary>
    public ValidatedTokens Tokens => handler.Cache;

    /// <summary>The client id of the request's bearer token when this gateway signed it, or null.</summary>
    public string? ClientId(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirst("iss")?.Value == issuer)
        {
            return http.User.FindFirst("client_id")?.Value;
        }

        try
        {
            // The partition callback is synchronous; validation against in-memory keys does no I/O.
            var result = handler.ValidateTokenAsync(header[7..].Trim(), parameters).GetAwaiter().GetResult();
            return result.IsValid && result.ClaimsIdentity.FindFirst("client_id")?.Value is { } clientId ? clientId : null;
        }
        catch (Exception unreadable) when (unreadable is ArgumentException or SecurityTokenException or InvalidOperationException
            or FormatException or System.Text.Json.JsonException)
        {
            // Every request passes here, public ones included: a token that cannot even be read is
            // counted with anonymous callers, and the service it is meant for answers it with a 401.
            return null;
        }
    }
}
