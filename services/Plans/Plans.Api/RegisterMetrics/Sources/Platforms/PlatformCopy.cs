using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Persistence.Audit;
using Plans.Api.RegisterMetrics.Copies;

namespace Plans.Api.RegisterMetrics.Sources.Platforms;

// The local copy of the Platforms register: only what the metrics need, kept from its events and
// rebuilt by reconciliation. Not audited: it mirrors another system. Older news than a row holds is
// ignored (see CopiedRow).

/// <summary>A platform: its type, level, status and where it is.</summary>
[NotAudited]
public sealed class RegisteredPlatform : CopiedRow<Guid>
{
    private RegisteredPlatform()
    {
    }

    public RegisteredPlatform(Guid id, string type, string level, string? status, string regionCode, string? zoneCode, DateTimeOffset lastEventAt)
        : base(id, lastEventAt)
    {
        Type = type;
        Level = level;
        Status = status;
        RegionCode = regionCode;
        ZoneCode = zoneCode;
    }

    public string Type { get; private set; } = null!;

    /// <summary>national, municipal or district.</summary>
    public string Level { get; private set; } = null!;

    /// <summary>underConstruction, active, suspended or revoked; null while only a tenant's news has named the platform.</summary>
    public string? Status { get; private set; }

    public string RegionCode { get; private set; } = null!;
    public string? ZoneCode { get; private set; }

    public bool IsActive => Status == "active";

    /// <summary>Takes the news unless it is older than what the row holds. Returns whether anything a metric counts changed.</summary>
    public bool Apply(string type, string level, string status, string regionCode, string? zoneCode, DateTimeOffset occurredAt)
    {
        var changed = type != Type || level != Level || status != Status || regionCode != RegionCode || zoneCode != ZoneCode;
        if (!Takes(occurredAt))
        {
            return false;
        }

        (Type, Level, Status, RegionCode, ZoneCode) = (type, level, status, regionCode, zoneCode);
        return changed;
    }
}

/// <summary>A tenant of a platform (an enterprise or a start-up team), keyed by the register's id.</summary>
[NotAudited]
public sealed class RegisteredTenant : CopiedRow<long>
{
    private RegisteredTenant()
    {
    }

    public RegisteredTenant(long id, Guid platformId, DateOnly? graduatedOn, DateTimeOffset lastEventAt) : base(id, lastEventAt)
    {
        PlatformId = platformId;
        GraduatedOn = graduatedOn;
    }

    public Guid PlatformId { get; private set; }

    /// <summary>The day it left its platform; null while it is there.</summary>
    public DateOnly? GraduatedOn { get; private set; }

    /// <summary>Takes the news unless it is older than what the row holds. Returns whether it changed.</summary>
    public bool Apply(DateOnly? graduatedOn, DateTimeOffset occurredAt)
    {
        var changed = graduatedOn != GraduatedOn;
        if (!Takes(occurredAt))
        {
            return false;
        }

        GraduatedOn = graduatedOn;
        return changed;
    }
}

internal sealed class RegisteredPlatformConfiguration : IEntityTypeConfiguration<RegisteredPlatform>
{
    public void Configure(EntityTypeBuilder<RegisteredPlatform> platform)
    {
        platform.IsCopyTable<RegisteredPlatform, Guid>("RegisteredPlatforms");
        platform.Property(p => p.Type).HasMaxLength(60);
        platform.Property(p => p.Level).HasMaxLength(20);
        platform.Property(p => p.Status).HasMaxLength(30);
        platform.Property(p => p.RegionCode).HasMaxLength(12);
        platform.Property(p => p.ZoneCode).HasMaxLength(12);
        platform.Ignore(p => p.IsActive);
    }
}

internal sealed class RegisteredTenantConfiguration : IEntityTypeConfiguration<RegisteredTenant>
{
    public void Configure(EntityTypeBuilder<RegisteredTenant> tenant)
    {
        tenant.IsCopyTable<RegisteredTenant, long>("RegisteredTenants");
        // An event of a platform loads its tenants.
        tenant.HasIndex(t => t.PlatformId);
    }
}
