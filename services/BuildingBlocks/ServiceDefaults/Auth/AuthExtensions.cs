using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SharedKernel.Access;

namespace ServiceDefaults.Auth;

/// <summary>
/// Bearer tokens validated by the service itself: one JwtBearer scheme per configured issuer, and a
/// policy scheme that sends each token to the scheme of its <c>iss</c>. One authorization policy per
/// scope (<c>plans.write</c>, …) for endpoints to require.
/// </summary>
public static class AuthExtensions
{
    public const string Scheme = "Bearer";

    public static WebApplicationBuilder AddServiceAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        // Challenges and refusals go through the token schemes; nothing is authenticated by default (BearerTokenMiddleware).
        var authentication = builder.Services.AddAuthentication(options =>
            {
                options.DefaultChallengeScheme = Scheme;
                options.DefaultForbidScheme = Scheme;
            })
            .AddScheme<AuthenticationSchemeOptions, NoIssuerHandler>(NoIssuerHandler.Name, null);
        var schemes = new List<(string Authority, string Scheme)>();
        foreach (var (issuer, index) in options.Issuers.Select((issuer, index) => (issuer, index)))
        {
            var scheme = $"issuer-{index}";
            var authority = issuer.Authority.TrimEnd('/');
            schemes.Add((authority, scheme));
            authentication.AddJwtBearer(scheme, jwt =>
            {
                jwt.Authority = authority;
                jwt.Audience = issuer.Audience;
                jwt.RequireHttpsMetadata = issuer.RequireHttpsMetadata ?? !IsLoopback(authority);
                jwt.MapInboundClaims = false;
                // Nothing reads the token back from the ticket: kept there, it cost every request a dictionary of it.
                jwt.SaveToken = false;
                jwt.TokenValidationParameters.NameClaimType = "client_id";
                jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
                if (issuer.UnitClaim != Caller.UnitClaim)
                {
                    jwt.Events = new JwtBearerEvents { OnTokenValidated = context => UseUnitClaim(context, issuer.UnitClaim) };
                }
            });
            // Each issuer's tokens are verified once while valid, not on every request (ValidatedTokens).
            builder.Services.Configure<JwtBearerOptions>(scheme, jwt =>
            {
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new CachingJsonWebTokenHandler { MapInboundClaims = false });
            });
        }

        authentication.AddPolicyScheme(Scheme, "Bearer token of a configured issuer", policy =>
            policy.ForwardDefaultSelector = context => SchemeFor(context, schemes));

        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var scope in Scopes.All)
            {
                authorization.AddPolicy(scope, policy => policy
                    .AddAuthenticationSchemes(Scheme)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => context.User.HasScope(scope)));
            }
        });
        return builder;
    }

    /// <summary>
    /// Picks the scheme whose authority issued the token. A token from no configured issuer goes to
    /// the first scheme, which rejects it (401); without any issuer configured every token is rejected.
    /// With one issuer there is nothing to choose, so the token is not read here at all. With several,
    /// the choice is kept for the request: authentication, the invalid-token check and authorization
    /// each ask for it.
    /// </summary>
    private static string SchemeFor(HttpContext context, IReadOnlyList<(string Authority, string Scheme)> schemes)
    {
        switch (schemes.Count)
        {
            case 0:
                return NoIssuerHandler.Name;
            case 1:
                return schemes[0].Scheme;
        }

        if (context.Items.TryGetValue(ChosenScheme, out var chosen) && chosen is string known)
        {
            return known;
        }

        var scheme = schemes[0].Scheme;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && UnverifiedIssuer(authorization[7..].Trim()) is { } issuer)
        {
            foreach (var (authority, candidate) in schemes)
            {
                if (authority == issuer)
                {
                    scheme = candidate;
                    break;
                }
            }
        }

        context.Items[ChosenScheme] = scheme;
        return scheme;
    }

    private static readonly object ChosenScheme = new();

    /// <summary>
    /// The <c>iss</c> a token claims, read before anything is verified, only to pick the scheme that
    /// verifies it; null when it cannot be read. The selector runs on every request, public ones
    /// included, so a malformed, oversized or garbage token must never throw here: the first scheme
    /// then rejects it with a 401.
    /// </summary>
    internal static string? UnverifiedIssuer(string token)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token))
        {
            return null;
        }

        try
        {
            return handler.ReadJsonWebToken(token).Issuer.TrimEnd('/');
        }
        catch (Exception unreadable) when (unreadable is ArgumentException or SecurityTokenException or InvalidOperationException
            or FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Authentication of a sent token, refused on every route when it fails validation (see
    /// <see cref="BearerTokenMiddleware"/>), then authorization. The framework's authentication middleware
    /// stays in its place, or the host would add it at the front of the pipeline; without a default
    /// authenticate scheme it authenticates nothing itself.
    /// </summary>
    public static WebApplication UseServiceAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<BearerTokenMiddleware>();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Reads an issuer's own unit claim as <c>unit</c>, and only that: a <c>unit</c> claim the token also carries
    /// is not this issuer's word for the unit. The principal is the request's own copy (see ValidatedTokens).
    /// </summary>
    private static Task UseUnitClaim(TokenValidatedContext context, string claim)
    {
        if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
        {
            foreach (var stray in identity.FindAll(Caller.UnitClaim).ToList())
            {
                identity.RemoveClaim(stray);
            }

            if (identity.FindFirst(claim)?.Value is { Length: > 0 } unit)
            {
                identity.AddClaim(new System.Security.Claims.Claim(Caller.UnitClaim, unit));
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsLoopback(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.IsLoopback;

    /// <summary>With no issuer configured there is nobody whose tokens to trust: every caller is anonymous.</summary>
    internal sealed class NoIssuerHandler(Microsoft.Extensions.Options.IOptionsMonitor<AuthenticationSchemeOptions> options,
        Microsoft.Extensions.Logging.ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "no-issuer";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
