using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plans.Api.Domain;

namespace Plans.Api.Data;

internal sealed class RegisterAuthorityConfiguration : IEntityTypeConfiguration<RegisterAuthority>
{
    public void Configure(EntityTypeBuilder<RegisterAuthority> authority)
    {
        authority.ToTable("RegisterAuthorities");
        authority.HasKey(a => new { a.RegionCode, a.Register });
        authority.Property(a => a.RegionCode).HasMaxLength(12);
        authority.Property(a => a.Register).HasConversion<string>().HasMaxLength(20);
        authority.Property(a => a.Version).IsConcurrencyToken();
        authority.HasOne<Region>().WithMany().HasForeignKey(a => a.RegionCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegisteredEnterpriseConfiguration : IEntityTypeConfiguration<RegisteredEnterprise>
{
    public void Configure(EntityTypeBuilder<RegisteredEnterprise> enterprise)
    {
        enterprise.ToTable("RegisteredEnterprises");
        enterprise.HasKey(e => e.CreditCode);
        enterprise.Property(e => e.CreditCode).HasMaxLength(18);
        enterprise.Property(e => e.RegionCode).HasMaxLength(12);
        enterprise.Property(e => e.ZoneCode).HasMaxLength(12);
        enterprise.HasIndex(e => e.RegionCode);
        enterprise.HasIndex(e => e.ZoneCode);
    }
}

internal sealed class RegisteredQualificationConfiguration : IEntityTypeConfiguration<RegisteredQualification>
{
    public void Configure(EntityTypeBuilder<RegisteredQualification> qualification)
    {
        qualification.ToTable("RegisteredQualifications");
        qualification.HasKey(q => q.Id);
        qualification.Property(q => q.Id).ValueGeneratedNever();
        qualification.Property(q => q.CreditCode).HasMaxLength(18);
        qualification.Property(q => q.Type).HasMaxLength(30);
        qualification.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
        qualification.HasIndex(q => new { q.Type, q.Status });
        qualification.HasIndex(q => q.CreditCode);
    }
}
