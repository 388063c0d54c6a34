using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Persistence.PersonalData;

/// <summary>
/// The service's cryptography for personal data. Values are encrypted by ASP.NET Core Data
/// Protection (authenticated encryption, AES-256-CBC with HMAC-SHA256, a purpose per property) under
/// the service's shared, rotating key ring. Keyed hashes (HMAC-SHA256) take a secret of their own,
/// generated once per database (<see cref="LookupKeyRecord"/>), from which one key per use is derived,
/// so that a hash stays the same across key rotations and the same identity number hashes differently
/// in two columns.
/// </summary>
public sealed class PersonalDataProtection(IDataProtectionProvider provider, TimeProvider clock)
{
    private const string SecretName = "lookup";
    private readonly IDataProtector secretProtector = provider.CreateProtector("Persistence.PersonalData", "LookupKey");
    private readonly IDataProtector responseProtector = provider.CreateProtector("Persistence.Idempotency", "ResponseBody");
    private readonly ConcurrentDictionary<string, byte[]> hashKeys = new();
    private byte[]? secret;

    /// <summary>The cipher of one marked property, named <c>Entity.Property</c>.</summary>
    internal PersonalDataCipher Cipher(string purpose) =>
        new(purpose, provider.CreateProtector("Persistence.PersonalData", "Value", purpose));

    /// <summary>The keyed hash of a value of a marked property, as stored beside its ciphertext.</summary>
    public byte[] LookupHash(string purpose, string value) =>
        HMACSHA256.HashData(HashKey("lookup:" + purpose), Encoding.UTF8.GetBytes(value));

    /// <summary>A keyed hash of an idempotent request, so that a record never holds a guessable digest of a body.</summary>
    internal IncrementalHash RequestHash() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, HashKey("idempotency:request"));

    internal byte[] ProtectResponse(byte[] body) => responseProtector.Protect(body);

    internal byte[] UnprotectResponse(byte[] payload) => responseProtector.Unprotect(payload);

    /// <summary>
    /// Reads the hash secret, or makes it when the database has none (the first replica to insert
    /// wins; the others read the winner's). Run at start-up, before requests: it also loads the key
    /// ring, creating its first key, while no request holds a transaction open.
    /// </summary>
    internal async Task InitializeAsync(DbContext db, CancellationToken cancellationToken)
    {
        var keys = db.Set<LookupKeyRecord>();
        var stored = await keys.AsNoTracking().SingleOrDefaultAsync(k => k.Name == SecretName, cancellationToken);
        if (stored is null)
        {
            keys.Add(new LookupKeyRecord
            {
                Name = SecretName,
                ProtectedKey = secretProtector.Protect(RandomNumberGenerator.GetBytes(32)),
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException raced) when (UniqueViolation.IsUniqueViolation(raced))
            {
                db.ChangeTracker.Clear();
            }

            stored = await keys.AsNoTracking().SingleAsync(k => k.Name == SecretName, cancellationToken);
        }

        secret = secretProtector.Unprotect(stored.ProtectedKey);
    }

    private byte[] HashKey(string use) => hashKeys.GetOrAdd(use, static (name, master) =>
        HKDF.Expand(HashAlgorithmName.SHA256, master, 32, Encoding.UTF8.GetBytes(name)),
        secret ?? throw new InvalidOperationException("The personal-data hash secret is not loaded: the database start-up has not run."));
}

/// <summary>
/// Encrypts and decrypts the values of one marked property. A failure names the property, never
/// the value: the exception may be logged.
/// </summary>
internal sealed class PersonalDataCipher(string purpose, IDataProtector? protector)
{
    /// <summary>For a model built without the running service (migrations): it describes columns and never converts.</summary>
    public static PersonalDataCipher Unavailable(string purpose) => new(purpose, null);

    public byte[] Protect(string value)
    {
        try
        {
            return Protector.Protect(Encoding.UTF8.GetBytes(value));
        }
        catch (CryptographicException failed)
        {
            throw new PersonalDataProtectionException($"A value of {purpose} could not be encrypted.", failed);
        }
    }

    public string Unprotect(byte[] payload)
    {
        try
        {
            return Encoding.UTF8.GetString(Protector.Unprotect(payload));
        }
        catch (CryptographicException failed)
        {
            throw new PersonalDataProtectionException(
                $"A stored value of {purpose} could not be decrypted: it was altered, or its key is not in the key ring.", failed);
        }
    }

    private IDataProtector Protector => protector ?? throw new PersonalDataProtectionException(
        $"{purpose} is personal data, but this context has no personal-data protection (register it with AddServiceDatabase).");
}

/// <summary>Personal data could not be encrypted or decrypted. The message names the property, never the value.</summary>
public sealed class PersonalDataProtectionException(string message, Exception? inner = null) : Exception(message, inner);
