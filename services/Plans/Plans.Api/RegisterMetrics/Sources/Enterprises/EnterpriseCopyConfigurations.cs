using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plans.Api.RegisterMetrics.Copies;

namespace Plans.Api.RegisterMetrics.Sources.Enterprises;

internal sealed class RegisteredEnterpriseConfiguration : IEntityTypeConfiguration<RegisteredEnterprise>
{
    public void Configure(EntityTypeBuilder<RegisteredEnterprise> enterprise)
    {
        enterprise.ToTable("RegisteredEnterprises");
        enterprise.HasKey(e => e.CreditCode);
        enterprise.Property(e => e.CreditCode).HasMaxLength(18);
        enterprise.Property(e => e.RegionCode).HasMaxLength(12);
        enterprise.Property(e => e.ZoneCode).HasMaxLength(12);
        enterprise.Property(e => e.RevenueWan).HasPrecision(20, 4);
    }
}

internal sealed class RegisteredQualificationConfiguration : IEntityTypeConfiguration<RegisteredQualification>
{
    public void Configure(EntityTypeBuilder<RegisteredQualification> qualification)
    {
        qualification.IsCopyTable<RegisteredQualification, long>("RegisteredQualifications");
        qualification.Property(q => q.CreditCode).HasMaxLength(18);
        qualification.Property(q => q.Type).HasMaxLength(30);
        qualification.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
        // An event loads the holder's qualifications.
        qualification.HasIndex(q => q.CreditCode);
    }
}

internal sealed class RegisteredDesignationConfiguration : IEntityTypeConfiguration<RegisteredDesignation>
{
    public void Configure(EntityTypeBuilder<RegisteredDesignation> designation)
    {
        designation.IsCopyTable<RegisteredDesignation, long>("RegisteredDesignations");
        designation.Property(d => d.CreditCode).HasMaxLength(18);
        designation.Property(d => d.Kind).HasMaxLength(30);
        designation.Property(d => d.Board).HasMaxLength(50);
        designation.HasIndex(d => d.CreditCode);
    }
}
