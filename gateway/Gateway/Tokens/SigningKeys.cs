using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tokens;

/// <summary>
/// The RSA keys the gateway signs tokens with. Generated on first run and kept in the key folder
/// (PKCS#8, one file per key), so tokens stay valid across restarts. When the newest key is older
/// than the rotation period a new one is made at start-up; the previous one stays published in the
/// JWKS until the tokens it signed have expired. Replicas share a configured key instead, and rotate
/// it with overlap through the keys configured as published only.
/// </summary>
public sealed class SigningKeys
{
    private const int KeysKept = 2;
    private readonly List<RsaSecurityKey> keys;

    public SigningKeys(IOptions<TokenIssuerOptions> options, TimeProvider clock)
    {
        if (options.Value.SigningKeyPem is { Length: > 0 } pem)
        {
            keys = [FromPem(pem), .. options.Value.PublishedKeyPems.Select(FromPem)];
            return;
        }

        var directory = options.Value.KeyDirectory;
        Directory.CreateDirectory(directory);
        var files = Directory.GetFiles(directory, "signing-*.json")
            .OrderByDescending(Path.GetFileName, StringComparer.Ordinal)
            .ToList();
        var newest = files.Count > 0 ? JsonSerializer.Deserialize<StoredKey>(File.ReadAllText(files[0]))! : null;
        if (newest is null || clock.GetUtcNow() - newest.CreatedAt > options.Value.KeyRotation)
        {
            var created = Create(clock.GetUtcNow());
            var path = Path.Combine(directory, $"signing-{created.CreatedAt:yyyyMMddHHmmss}-{created.KeyId}.json");
            File.WriteAllText(path, JsonSerializer.Serialize(created));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            files.Insert(0, path);
        }

        keys = files.Take(KeysKept)
            .Select(f => JsonSerializer.Deserialize<StoredKey>(File.ReadAllText(f))!)
            .OrderByDescending(k => k.CreatedAt)
            .Select(Load)
            .ToList();
    }

    /// <summary>The key new tokens are signed with.</summary>
    public SigningCredentials Current => new(keys[0], SecurityAlgorithms.RsaSha256);

    /// <summary>Every key a valid token may carry, as published in the JWKS.</summary>
    public IReadOnlyList<RsaSecurityKey> All => keys;

    public IEnumerable<JsonWebKey> PublicJwks => keys.Select(key =>
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        return jwk;
    });

    /// <summary>A key from PEM, named by its public key's digest: the same key has the same id on every replica.</summary>
    private static RsaSecurityKey FromPem(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa) { KeyId = Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant() };
    }

    private static StoredKey Create(DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        return new StoredKey(Guid.NewGuid().ToString("N")[..16], now, Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()));
    }

    private static RsaSecurityKey Load(StoredKey stored)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(stored.Pkcs8), out _);
        return new RsaSecurityKey(rsa) { KeyId = stored.KeyId };
    }

    private sealed record StoredKey(string KeyId, DateTimeOffset CreatedAt, string Pkcs8);
}
