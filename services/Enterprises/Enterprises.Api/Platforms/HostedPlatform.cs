using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Persistence.Audit;

namespace Enterprises.Api.Platforms;

/// <summary>
/// A platform an enterprise hosts (依托单位), as the Platforms service's events describe it: a small
/// local copy, so that an enterprise's profile shows its platforms in one call. Not audited: it
/// mirrors another service.
/// </summary>
[NotAudited]
public sealed class HostedPlatform
{
    private HostedPlatform()
    {
    }

    public HostedPlatform(Guid platformId, DateTimeOffset lastEventAt)
    {
        PlatformId = platformId;
        LastEventAt = lastEventAt;
    }

    public Guid PlatformId { get; private set; }

    /// <summary>The host enterprise; null when the platform is hosted by a university, institute or hospital.</summary>
    public string? HostCreditCode { get; private set; }

    public string Name { get; private set; } = null!;

    /// <summary>The platform type's key (Incubator, KeyLab …).</summary>
    public string Type { get; private set; } = null!;

    /// <summary>national, municipal or district.</summary>
    public string Level { get; private set; } = null!;

    /// <summary>underConstruction, active, suspended or revoked.</summary>
    public string Status { get; private set; } = null!;

    /// <summary>When the latest news applied happened at the Platforms service; older news is ignored.</summary>
    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>Takes the news unless it is older than what the row holds.</summary>
    public void Apply(string? hostCreditCode, string name, string type, string level, string status, DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            return;
        }

        HostCreditCode = hostCreditCode;
        Name = name;
        Type = type;
        Level = level;
        Status = status;
        LastEventAt = occurredAt;
    }
}

internal sealed class HostedPlatformConfiguration : IEntityTypeConfiguration<HostedPlatform>
{
    public void Configure(EntityTypeBuilder<HostedPlatform> platform)
    {
        platform.HasKey(p => p.PlatformId);
        platform.Property(p => p.PlatformId).ValueGeneratedNever();
        platform.Property(p => p.HostCreditCode).HasMaxLength(18);
        platform.Property(p => p.Name).HasMaxLength(200);
        platform.Property(p => p.Type).HasMaxLength(40);
        platform.Property(p => p.Level).HasMaxLength(20);
        platform.Property(p => p.Status).HasMaxLength(20);
        platform.HasIndex(p => p.HostCreditCode);
    }
}
