using Microsoft.EntityFrameworkCore;
using Persistence.Audit;

namespace Enterprises.Directory;

/// <summary>
/// An enterprise of the register as a consumer knows it: its credit code, name and place. Kept from
/// the register's events and, for a code the events never brought, from one look-up at its API. Not
/// audited: it mirrors another system.
/// </summary>
[NotAudited]
public sealed class KnownEnterprise
{
    private KnownEnterprise()
    {
    }

    public KnownEnterprise(string creditCode, string name, string regionCode, string? zoneCode, DateTimeOffset lastEventAt)
    {
        CreditCode = creditCode;
        Update(name, regionCode, zoneCode, lastEventAt);
    }

    /// <summary>The longest name the register holds (its column, and this copy's).</summary>
    public const int MaxNameLength = 200;

    public string CreditCode { get; private set; } = null!;
    public string Name { get; private set; } = null!;
    public string RegionCode { get; private set; } = null!;
    public string? ZoneCode { get; private set; }

    /// <summary>When the latest news applied happened at the register; older news is ignored.</summary>
    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>Takes the news unless it is older than what the row holds.</summary>
    public void Update(string name, string regionCode, string? zoneCode, DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            return;
        }

        Name = name;
        RegionCode = regionCode;
        ZoneCode = zoneCode;
        LastEventAt = occurredAt;
    }
}

public static class EnterpriseDirectoryModel
{
    /// <summary>Adds the directory's table to a consumer's model; call from OnModelCreating.</summary>
    public static ModelBuilder AddEnterpriseDirectory(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KnownEnterprise>(enterprise =>
        {
            enterprise.ToTable("KnownEnterprises");
            enterprise.HasKey(e => e.CreditCode);
            enterprise.Property(e => e.CreditCode).HasMaxLength(18);
            enterprise.Property(e => e.Name).HasMaxLength(KnownEnterprise.MaxNameLength);
            enterprise.Property(e => e.RegionCode).HasMaxLength(12);
            enterprise.Property(e => e.ZoneCode).HasMaxLength(12);
        });
        return modelBuilder;
    }
}
