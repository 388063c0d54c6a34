using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platforms.Api.Domain;

namespace Platforms.Api.Data;

internal sealed class PlatformConfiguration : IEntityTypeConfiguration<Platform>
{
    public void Configure(EntityTypeBuilder<Platform> platform)
    {
        platform.HasKey(p => p.Id);
        platform.Property(p => p.Id).ValueGeneratedNever();
        platform.Property(p => p.Name).HasMaxLength(200);
        platform.Property(p => p.NameEn).HasMaxLength(300);
        platform.Property(p => p.Type).HasMaxLength(40);
        platform.Property(p => p.Level).HasConversion<string>().HasMaxLength(20);
        platform.Property(p => p.Designations).HasMaxLength(200);
        platform.Property(p => p.RegionCode).HasMaxLength(12);
        platform.Property(p => p.ZoneCode).HasMaxLength(12);
        platform.Property(p => p.AbroadCountry).HasMaxLength(2);
        platform.Property(p => p.AbroadCity).HasMaxLength(100);
        platform.Property(p => p.HostKind).HasConversion<string>().HasMaxLength(20);
        platform.Property(p => p.HostCreditCode).HasMaxLength(18);
        platform.Property(p => p.HostName).HasMaxLength(200);
        platform.Property(p => p.Field).HasMaxLength(100);
        platform.Property(p => p.DocumentNumber).HasMaxLength(100);
        platform.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        platform.Property(p => p.Version).IsConcurrencyToken();
        platform.Ignore(p => p.Details);
        platform.Ignore(p => p.DesignationList);
        // A type's platforms are told apart by name; the CSV import finds a platform by them.
        platform.HasIndex(p => new { p.Type, p.Name }).IsUnique();
        platform.HasIndex(p => new { p.RegionCode, p.Type, p.Level });
        platform.HasIndex(p => p.ZoneCode);
        platform.HasIndex(p => p.HostCreditCode);
        platform.HasIndex(p => p.Status);
        platform.HasMany(p => p.History).WithOne().HasForeignKey(h => h.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StatusChangeConfiguration : IEntityTypeConfiguration<StatusChange>
{
    public void Configure(EntityTypeBuilder<StatusChange> change)
    {
        change.HasKey(c => c.Id);
        change.Property(c => c.From).HasConversion<string>().HasMaxLength(20);
        change.Property(c => c.To).HasConversion<string>().HasMaxLength(20);
        change.Property(c => c.Reason).HasMaxLength(1000);
        change.Property(c => c.DocumentNumber).HasMaxLength(100);
        change.HasIndex(c => new { c.PlatformId, c.On });
    }
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> evaluation)
    {
        evaluation.HasKey(e => e.Id);
        evaluation.Property(e => e.Grade).HasMaxLength(20);
        evaluation.Property(e => e.Score).HasPrecision(5, 2);
        evaluation.Property(e => e.Rating).HasConversion<string>().HasMaxLength(20);
        evaluation.Property(e => e.Note).HasMaxLength(1000);
        evaluation.Ignore(e => e.Failing);
        evaluation.HasIndex(e => new { e.PlatformId, e.Year }).IsUnique();
        evaluation.HasOne<Platform>().WithMany().HasForeignKey(e => e.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RectificationConfiguration : IEntityTypeConfiguration<Rectification>
{
    public void Configure(EntityTypeBuilder<Rectification> rectification)
    {
        rectification.HasKey(r => r.Id);
        // A concurrency token: the review pass on two replicas, or a review racing a completion, changes a row once.
        rectification.Property(r => r.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        rectification.Property(r => r.Note).HasMaxLength(1000);
        rectification.HasIndex(r => new { r.PlatformId, r.EvaluationYear }).IsUnique();
        rectification.HasIndex(r => new { r.Status, r.DueOn });
        rectification.HasOne<Platform>().WithMany().HasForeignKey(r => r.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RevocationProposalConfiguration : IEntityTypeConfiguration<RevocationProposal>
{
    public void Configure(EntityTypeBuilder<RevocationProposal> proposal)
    {
        proposal.HasKey(p => p.Id);
        proposal.Property(p => p.Grounds).HasConversion<string>().HasMaxLength(30);
        proposal.Property(p => p.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        proposal.Property(p => p.Explanation).HasMaxLength(500);
        proposal.Property(p => p.DecisionReason).HasMaxLength(1000);
        proposal.Property(p => p.DocumentNumber).HasMaxLength(100);
        proposal.HasIndex(p => new { p.PlatformId, p.Status });
        // The register's work list by status, in id order: a page by cursor is a range of this index.
        proposal.HasIndex(p => new { p.Status, p.Id });
        proposal.HasOne<Platform>().WithMany().HasForeignKey(p => p.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> tenant)
    {
        tenant.HasKey(t => t.Id);
        tenant.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        tenant.Property(t => t.CreditCode).HasMaxLength(18);
        tenant.Property(t => t.TeamName).HasMaxLength(200);
        tenant.Property(t => t.LeaderName).HasMaxLength(100);
        tenant.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(20);
        tenant.Property(t => t.Note).HasMaxLength(1000);
        tenant.Ignore(t => t.IsActive);
        // An enterprise is an active tenant of a platform once; the handler checks under the platform's lock, this backs it.
        tenant.HasIndex(t => new { t.PlatformId, t.CreditCode }).IsUnique().HasFilter("\"GraduatedOn\" IS NULL AND \"CreditCode\" IS NOT NULL");
        tenant.HasIndex(t => new { t.PlatformId, t.GraduatedOn });
        // The register-wide list (GET /api/v1/tenants?active=true, read by the copies of the register) in the order of its pages.
        tenant.HasIndex(t => new { t.GraduatedOn, t.Id });
        // A platform's tenants in id order (the list's default), by cursor a range of this index.
        tenant.HasIndex(t => new { t.PlatformId, t.Id });
        tenant.HasIndex(t => t.CreditCode);
        tenant.HasOne<Platform>().WithMany().HasForeignKey(t => t.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}
