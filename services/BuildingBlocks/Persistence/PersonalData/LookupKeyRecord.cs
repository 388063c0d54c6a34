using Microsoft.EntityFrameworkCore;
using Persistence.Audit;

namespace Persistence.PersonalData;

/// <summary>
/// The secret of the keyed hashes (exact look-ups, idempotency request hashes), generated once per
/// service database and stored encrypted by Data Protection. It is not a Data Protection key on
/// purpose: those rotate, and a hash made with a rotated key would no longer match. An expired Data
/// Protection key still decrypts, so the secret outlives every rotation.
/// </summary>
[NotAudited]
public sealed class LookupKeyRecord
{
    public required string Name { get; init; }

    /// <summary>The secret, as a Data Protection payload.</summary>
    public required byte[] ProtectedKey { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

public static class LookupKeyModel
{
    /// <summary>Adds the table of the keyed-hash secret to a service's model; called by <see cref="ServiceDbContext"/>.</summary>
    public static ModelBuilder AddLookupKeys(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LookupKeyRecord>(key =>
        {
            key.ToTable("LookupKeys");
            key.HasKey(k => k.Name);
            key.Property(k => k.Name).HasMaxLength(50);
        });
        return modelBuilder;
    }
}
