namespace Persistence.PersonalData;

/// <summary>
/// The <c>DataProtection</c> section: how the service's key ring (kept in its own database, so that
/// every replica shares it) rotates, and what protects the keys themselves at rest.
/// </summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>
    /// How long a new key is the one that encrypts; a replacement is made before it ends. Older keys
    /// stay in the ring to decrypt what they encrypted. Data Protection refuses less than 7 days.
    /// </summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// A PKCS#12 file whose certificate encrypts the keys in the database. Without it the keys are
    /// stored unencrypted (Data Protection warns at start-up), so a copy of the database alone is
    /// enough to decrypt its personal data.
    /// </summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
