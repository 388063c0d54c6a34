using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ServiceDefaults.Auth;

namespace BuildingBlocks.Tests;

public class ValidatedTokensTests
{
    private const string Issuer = "http://issuer.test";
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private static readonly RsaSecurityKey OtherKey = new(RSA.Create(2048)) { KeyId = "test-key" };

    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = Issuer,
        ValidAudience = "tianjin-sti-api",
        IssuerSigningKey = Key,
        ClockSkew = TimeSpan.Zero,
    };

    private static string Token(RsaSecurityKey? key = null, DateTime? expires = null, string clientId = "reader")
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = "tianjin-sti-api",
            Claims = new Dictionary<string, object> { ["client_id"] = clientId, ["scope"] = "plans.read" },
            IssuedAt = expiry.AddMinutes(-15),
            NotBefore = expiry.AddMinutes(-15),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    [Fact]
    public async Task A_token_seen_again_is_accepted_without_verifying_its_signature_again()
    {
        var handler = new CachingJsonWebTokenHandler();
        var token = Token();

        for (var i = 0; i < 5; i++)
        {
            var result = await handler.ValidateTokenAsync(token, Parameters);
            result.IsValid.Should().BeTrue();
            result.ClaimsIdentity.FindFirst("client_id")!.Value.Should().Be("reader");
        }

        handler.Cache.Verifications.Should().Be(1);
        handler.Cache.Hits.Should().Be(4);
    }

    [Fact]
    public async Task A_token_whose_signature_was_changed_is_verified_in_full_and_refused()
    {
        var handler = new CachingJsonWebTokenHandler();
        var token = Token();
        (await handler.ValidateTokenAsync(token, Parameters)).IsValid.Should().BeTrue();

        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var forged = Token(OtherKey);

        (await handler.ValidateTokenAsync(tampered, Parameters)).IsValid.Should().BeFalse();
        (await handler.ValidateTokenAsync(forged, Parameters)).IsValid.Should().BeFalse();
        (await handler.ValidateTokenAsync(forged, Parameters)).IsValid.Should().BeFalse("a refused token is never remembered");
        handler.Cache.Verifications.Should().Be(4);
    }

    [Fact]
    public async Task A_token_with_another_claim_is_another_token()
    {
        var handler = new CachingJsonWebTokenHandler();
        var expires = DateTime.UtcNow.AddMinutes(10);

        var reader = await handler.ValidateTokenAsync(Token(expires: expires, clientId: "reader"), Parameters);
        var writer = await handler.ValidateTokenAsync(Token(expires: expires, clientId: "writer"), Parameters);

        reader.ClaimsIdentity.FindFirst("client_id")!.Value.Should().Be("reader");
        writer.ClaimsIdentity.FindFirst("client_id")!.Value.Should().Be("writer");
        handler.Cache.Verifications.Should().Be(2);
    }

    [Fact]
    public async Task An_expired_token_is_refused_even_after_it_was_accepted()
    {
        var handler = new CachingJsonWebTokenHandler();
        var token = Token(expires: DateTime.UtcNow.AddSeconds(2));
        (await handler.ValidateTokenAsync(token, Parameters)).IsValid.Should().BeTrue();

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        (await handler.ValidateTokenAsync(token, Parameters)).IsValid.Should().BeFalse();
        handler.Cache.Verifications.Should().Be(2);
    }

    [Fact]
    public async Task The_cache_forgets_a_token_once_it_expires_by_the_given_clock()
    {
        var cache = new ValidatedTokens();
        var token = Token();
        var expires = new JsonWebToken(token).ValidTo;
        var checks = 0;
        Task<TokenValidationResult> Validate(string t)
        {
            checks++;
            return new JsonWebTokenHandler().ValidateTokenAsync(t, Parameters);
        }

        await cache.ValidateAsync(token, expires.AddMinutes(-5), Validate);
        await cache.ValidateAsync(token, expires.AddSeconds(-1), Validate);
        checks.Should().Be(1);

        await cache.ValidateAsync(token, expires, Validate);
        checks.Should().Be(2, "at its expiry the token is checked again, not taken from the cache");
    }

    [Fact]
    public async Task Each_request_gets_its_own_identity()
    {
        var handler = new CachingJsonWebTokenHandler();
        var token = Token();
        var first = await handler.ValidateTokenAsync(token, Parameters);
        first.ClaimsIdentity.AddClaim(new Claim("added", "by one request"));

        var second = await handler.ValidateTokenAsync(token, Parameters);

        second.ClaimsIdentity.FindFirst("added").Should().BeNull();
    }

    [Fact]
    public async Task A_flood_of_distinct_tokens_does_not_grow_the_cache_without_bound()
    {
        var cache = new ValidatedTokens(capacity: 3);
        var tokens = Enumerable.Range(0, 5).Select(i => Token(clientId: $"client-{i}")).ToList();
        foreach (var token in tokens)
        {
            await cache.ValidateAsync(token, DateTime.UtcNow, t => new JsonWebTokenHandler().ValidateTokenAsync(t, Parameters));
        }

        var checks = 0;
        foreach (var token in tokens)
        {
            await cache.ValidateAsync(token, DateTime.UtcNow, t =>
            {
                checks++;
                return new JsonWebTokenHandler().ValidateTokenAsync(t, Parameters);
            });
        }

        checks.Should().BeGreaterThanOrEqualTo(2, "at most three tokens were kept");
    }
}
