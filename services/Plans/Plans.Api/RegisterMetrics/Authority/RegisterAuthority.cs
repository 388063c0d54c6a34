using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Persistence.Audit;
using Plans.Api.Domain;
using SharedKernel.Domain;
using SharedKernel.Regions;

namespace Plans.Api.RegisterMetrics.Authority;

/// <summary>
/// An administrator's statement that a register is complete for a region and the regions below it,
/// from a date on. Only then do indicators bound to its metrics take their actuals from it: an empty
/// or half-filled register must never report 0 against a real baseline.
/// </summary>
public sealed class RegisterAuthority : VersionedEntity, IAuditedResource
{
    private RegisterAuthority()
    {
    }

    /// <param name="register">The register's name as its source gives it (<c>enterprises</c>).</param>
    public RegisterAuthority(string regionCode, string register, bool authoritative, DateOnly? since, DateTimeOffset now) : base(now)
    {
        RegionCode = regionCode;
        Register = register;
        Authoritative = authoritative;
        Since = since;
    }

    public string RegionCode { get; private set; } = null!;
    public string Register { get; private set; } = null!;
    public bool Authoritative { get; private set; }

    /// <summary>The day from which the register is complete; the statement takes effect on it.</summary>
    public DateOnly? Since { get; private set; }

    public string AuditKey => $"{RegionCode}/{Register}";

    public bool InForceOn(DateOnly day) => Authoritative && (Since is null || Since <= day);

    /// <summary>Returns whether anything changed (a PUT of the same statement leaves the version alone).</summary>
    public bool Set(bool authoritative, DateOnly? since, DateTimeOffset now)
    {
        if (authoritative == Authoritative && since == Since)
        {
            return false;
        }

        Authoritative = authoritative;
        Since = since;
        Touch(now);
        return true;
    }
}

/// <summary>Which administrator's statement makes a register authoritative for a region.</summary>
public static class RegisterAuthorities
{
    /// <summary>The statement in force for the region or the nearest region above it, or null when there is none.</summary>
    /// <param name="authorities">The statements about one register.</param>
    public static RegisterAuthority? InForce(IEnumerable<RegisterAuthority> authorities, string regionCode, DateOnly today)
    {
        var inForce = authorities.Where(a => a.InForceOn(today)).ToDictionary(a => a.RegionCode);
        return RegionCodes.AndAbove(regionCode).Select(inForce.GetValueOrDefault).FirstOrDefault(a => a is not null);
    }
}

internal sealed class RegisterAuthorityConfiguration : IEntityTypeConfiguration<RegisterAuthority>
{
    public void Configure(EntityTypeBuilder<RegisterAuthority> authority)
    {
        authority.ToTable("RegisterAuthorities");
        authority.HasKey(a => new { a.RegionCode, a.Register });
        authority.Property(a => a.RegionCode).HasMaxLength(12);
        authority.Property(a => a.Register).HasMaxLength(20);
        authority.Property(a => a.Version).IsConcurrencyToken();
        authority.HasOne<Region>().WithMany().HasForeignKey(a => a.RegionCode).OnDelete(DeleteBehavior.Restrict);
    }
}
