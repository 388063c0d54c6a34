using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Persistence.Audit;
using Plans.Api.RegisterMetrics.Copies;

namespace Plans.Api.RegisterMetrics.Sources.Platforms;

// The local copy of the Platforms register: only what the metrics need, kept from its events and
// rebuilt by reconciliation. Not audited: it mirrors another system. Older news than a row holds is
// ignored (see CopiedRow).

/// <summary>
/// What the metrics count of a platform, as its latest news gives it.
/// </summary>
/// <param name="Status">underConstruction, active, suspended or revoked; null while only a tenant's news has named the platform.</param>
/// <param name="Designations">The designations of its type it holds, sorted and comma-separated ("" for none).</param>
/// <param name="Abroad">Whether it is located outside China.</param>
/// <param name="EnterpriseHosted">Whether its host (依托单位) is an enterprise.</param>
/// <param name="ApprovedOn">The day of its approval (认定 or 批准建设).</param>
public sealed record PlatformFacts(string Type, string Level, string? Status, string Designations, bool Abroad, bool EnterpriseHosted,
    DateOnly ApprovedOn, string RegionCode, string? ZoneCode)
{
    /// <summary>Designations as the copy keeps them, whatever order the news lists them in.</summary>
    public static string Join(IEnumerable<string>? designations) =>
        string.Join(',', (designations ?? []).Order(StringComparer.Ordinal));
}

/// <summary>A platform: its type, level, status, designations, host kind, approval and where it is.</summary>
[NotAudited]
public sealed class RegisteredPlatform : CopiedRow<Guid>
{
    private RegisteredPlatform()
    {
    }

    public RegisteredPlatform(Guid id, PlatformFacts facts, DateTimeOffset lastEventAt) : base(id, lastEventAt) => Set(facts);

    public string Type { get; private set; } = null!;

    /// <summary>national, municipal or district.</summary>
    public string Level { get; private set; } = null!;

    /// <summary>underConstruction, active, suspended or revoked; null while only a tenant's news has named the platform.</summary>
    public string? Status { get; private set; }

    /// <summary>Sorted and comma-separated ("" for none).</summary>
    public string Designations { get; private set; } = "";

    public bool Abroad { get; private set; }
    public bool EnterpriseHosted { get; private set; }
    public DateOnly ApprovedOn { get; private set; }
    public string RegionCode { get; private set; } = null!;
    public string? ZoneCode { get; private set; }

    public PlatformFacts Facts => new(Type, Level, Status, Designations, Abroad, EnterpriseHosted, ApprovedOn, RegionCode, ZoneCode);

    public bool IsActive => Status == "active";

    /// <summary>Approved and not revoked: whatever its status now, it was accredited (批准建设 included).</summary>
    public bool IsAccredited => Status is not null and not "revoked";

    public IReadOnlyList<string> DesignationList => Designations.Length == 0 ? [] : Designations.Split(',');

    /// <summary>Takes the news unless it is older than what the row holds. Returns whether anything a metric counts changed.</summary>
    public bool Apply(PlatformFacts facts, DateTimeOffset occurredAt)
    {
        var changed = facts != Facts;
        if (!Takes(occurredAt))
        {
            return false;
        }

        Set(facts);
        return changed;
    }

    private void Set(PlatformFacts facts) =>
        (Type, Level, Status, Designations, Abroad, EnterpriseHosted, ApprovedOn, RegionCode, ZoneCode) =
        (facts.Type, facts.Level, facts.Status, facts.Designations, facts.Abroad, facts.EnterpriseHosted, facts.ApprovedOn, facts.RegionCode,
            facts.ZoneCode);
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
        // At most 10 designations of at most 30 characters each, as the Platforms API accepts them.
        platform.Property(p => p.Designations).HasMaxLength(320);
        platform.Property(p => p.RegionCode).HasMaxLength(12);
        platform.Property(p => p.ZoneCode).HasMaxLength(12);
        platform.Ignore(p => p.Facts);
        platform.Ignore(p => p.IsActive);
        platform.Ignore(p => p.IsAccredited);
        platform.Ignore(p => p.DesignationList);
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
