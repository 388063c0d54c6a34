using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ServiceDefaults.Auth;

/// <summary>
/// Tokens whose signature, issuer, audience and lifetime one handler has checked, remembered by the
/// SHA-256 of the whole token until the token expires. A client sends the same token for its whole
/// life (15 minutes), so the RSA signature is verified once per token and process, not once per
/// request. Only successes are kept, keyed by a digest that covers every byte of the token: a token
/// changed in any way (a tampered signature, another claim) is a different key and is verified in full.
/// A key withdrawn from the issuer's JWKS stops new tokens at once and the ones already seen when they
/// expire, as it would for any holder of a stateless token.
/// </summary>
public sealed class ValidatedTokens(int capacity = ValidatedTokens.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    /// <summary>Longer tokens are verified every time rather than hashed on the stack.</summary>
    private const int MaxCachedTokenLength = 8 * 1024;

    private readonly ConcurrentDictionary<Digest, Entry> entries = new();
    private long verifications;
    private long hits;

    /// <summary>How many tokens were verified in full (cache misses, failures included).</summary>
    public long Verifications => Interlocked.Read(ref verifications);

    /// <summary>How many validations were answered from the cache.</summary>
    public long Hits => Interlocked.Read(ref hits);

    /// <summary>
    /// The result of <paramref name="validate"/> for this token, from the cache while the token is
    /// unexpired at <paramref name="utcNow"/> (the validator's own clock). Each caller gets its own copy
    /// of the identity, so a claim added to one request's principal never reaches another's.
    /// </summary>
    public async Task<TokenValidationResult> ValidateAsync(string token, DateTime utcNow, Func<string, Task<TokenValidationResult>> validate)
    {
        if (token.Length > MaxCachedTokenLength)
        {
            Interlocked.Increment(ref verifications);
            return await validate(token);
        }

        var digest = Digest.Of(token);
        var now = utcNow;
        if (entries.TryGetValue(digest, out var cached))
        {
            if (cached.ExpiresUtc > now)
            {
                Interlocked.Increment(ref hits);
                return cached.Result();
            }

            entries.TryRemove(new KeyValuePair<Digest, Entry>(digest, cached));
        }

        Interlocked.Increment(ref verifications);
        var result = await validate(token);
        if (result.IsValid && result.SecurityToken is { ValidTo: var expires } && expires > now)
        {
            // A copy of its own: the caller's identity is that request's, and a claim added to it must not reach the next one.
            Remember(digest, new Entry(result.ClaimsIdentity.Clone(), result.SecurityToken, result.Issuer, result.TokenType, expires), now);
        }

        return result;
    }

    private void Remember(Digest digest, Entry entry, DateTime now)
    {
        if (entries.Count >= capacity)
        {
            foreach (var (key, old) in entries)
            {
                if (old.ExpiresUtc <= now)
                {
                    entries.TryRemove(key, out _);
                }
            }

            // Still full of live tokens (a flood of distinct ones): start again rather than grow without bound.
            if (entries.Count >= capacity)
            {
                entries.Clear();
            }
        }

        entries[digest] = entry;
    }

    private sealed record Entry(ClaimsIdentity Identity, SecurityToken Token, string Issuer, string TokenType, DateTime ExpiresUtc)
    {
        public TokenValidationResult Result() => new()
        {
            IsValid = true,
            ClaimsIdentity = Identity.Clone(),
            SecurityToken = Token,
            Issuer = Issuer,
            TokenType = TokenType,
        };
    }

    private readonly record struct Digest(UInt128 High, UInt128 Low)
    {
        public static Digest Of(string token)
        {
            var length = Encoding.UTF8.GetMaxByteCount(token.Length);
            var rented = length > 4096 ? ArrayPool<byte>.Shared.Rent(length) : null;
            try
            {
                Span<byte> bytes = rented ?? stackalloc byte[length];
                var written = Encoding.UTF8.GetBytes(token, bytes);
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(bytes[..written], hash);
                return new Digest(
                    System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash),
                    System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash[16..]));
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }
}

/// <summary>
/// A <see cref="JsonWebTokenHandler"/> that verifies each token once while it is valid: see
/// <see cref="ValidatedTokens"/>. Expiry is judged by the clock the validation itself uses, the system's.
/// </summary>
public sealed class CachingJsonWebTokenHandler : JsonWebTokenHandler
{
    public ValidatedTokens Cache { get; } = new();

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters) =>
        Cache.ValidateAsync(token, DateTime.UtcNow, t => base.ValidateTokenAsync(t, validationParameters));
}
