using Enterprises.Api.CultivationPool;
using Enterprises.Api.Domain;
using Enterprises.Api.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enterprises.Api.Data;

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> enterprise)
    {
        enterprise.HasKey(e => e.CreditCode);
        enterprise.Property(e => e.CreditCode).HasMaxLength(18);
        enterprise.Property(e => e.Name).HasMaxLength(200);
        enterprise.Property(e => e.NameEn).HasMaxLength(300);
        enterprise.Property(e => e.RegionCode).HasMaxLength(12);
        enterprise.Property(e => e.ZoneCode).HasMaxLength(12);
        enterprise.Property(e => e.Industry).HasMaxLength(100);
        enterprise.Property(e => e.Version).IsConcurrencyToken();
        // Each filter of the list with the list's order (credit code) after it: a page is a range of one index,
        // however many enterprises the filter matches; the name's also serves sort=name (ties by credit code).
        enterprise.HasIndex(e => new { e.RegionCode, e.CreditCode });
        // Most enterprises sit in no zone: they have no entry, which only a zone filter (never a null) would read.
        enterprise.HasIndex(e => new { e.ZoneCode, e.CreditCode }).HasFilter("\"ZoneCode\" IS NOT NULL");
        enterprise.HasIndex(e => new { e.Industry, e.CreditCode });
        enterprise.HasIndex(e => new { e.Name, e.CreditCode });
        enterprise.HasMany(e => e.Qualifications).WithOne().HasForeignKey(q => q.CreditCode).OnDelete(DeleteBehavior.Cascade);
        enterprise.HasMany(e => e.AnnualReports).WithOne().HasForeignKey(r => r.CreditCode).OnDelete(DeleteBehavior.Cascade);
        enterprise.HasMany(e => e.Designations).WithOne().HasForeignKey(d => d.CreditCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnnualReportConfiguration : IEntityTypeConfiguration<AnnualReport>
{
    public void Configure(EntityTypeBuilder<AnnualReport> report)
    {
        report.HasKey(r => new { r.CreditCode, r.Year });
        report.Property(r => r.CreditCode).HasMaxLength(18);
        report.Property(r => r.Version).IsConcurrencyToken();
        report.Property(r => r.RevenueWan).HasPrecision(20, 4);
        report.Property(r => r.RdExpenseWan).HasPrecision(20, 4);
        report.Property(r => r.HighTechRevenueWan).HasPrecision(20, 4);
        report.Property(r => r.TotalAssetsWan).HasPrecision(20, 4);
        // The key (CreditCode, Year) also serves "the latest report of an enterprise" (ORDER BY Year DESC LIMIT 1) as a
        // backward scan on both providers, so the holder's revenue in the qualification register needs no index of its own.
    }
}

internal sealed class QualificationConfiguration : IEntityTypeConfiguration<Qualification>
{
    public void Configure(EntityTypeBuilder<Qualification> qualification)
    {
        qualification.HasKey(q => q.Id);
        qualification.Property(q => q.CreditCode).HasMaxLength(18);
        qualification.Property(q => q.Type).HasConversion<string>().HasMaxLength(30);
        // A concurrency token: two replicas expiring, or an expiry racing a revocation, change a row once.
        qualification.Property(q => q.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        qualification.Property(q => q.CertificateNumber).HasMaxLength(100);
        qualification.Property(q => q.RevocationReason).HasMaxLength(1000);
        qualification.HasIndex(q => new { q.CreditCode, q.Type });
        // The qualifications an enterprise holds today, joined to each enterprise of a page: without it SQLite walks
        // (Status, ExpiresOn), every valid qualification of the register, once per enterprise (266 ms a page at 100,000).
        qualification.HasIndex(q => new { q.CreditCode, q.Status, q.ExpiresOn });
        // The register-wide list filtered by type, in its order (id).
        qualification.HasIndex(q => new { q.Type, q.Id });
        // The enterprise list filtered by a qualification held today, in credit code order: the holders of a type in
        // that order, with what "held today" reads, so PostgreSQL merges them with the enterprises from the index alone,
        // from a page's cursor on (EnterpriseQuery.Apply). Through (CreditCode, Type) it read every type's rows.
        qualification.HasIndex(q => new { q.Type, q.CreditCode, q.Status, q.ExpiresOn, q.GrantedOn });
        qualification.HasIndex(q => new { q.Status, q.ExpiresOn });
        qualification.HasIndex(q => q.GrantedOn);
    }
}

internal sealed class DesignationConfiguration : IEntityTypeConfiguration<Designation>
{
    public void Configure(EntityTypeBuilder<Designation> designation)
    {
        designation.HasKey(d => d.Id);
        designation.Property(d => d.CreditCode).HasMaxLength(18);
        designation.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        designation.Property(d => d.Board).HasConversion<string>().HasMaxLength(20);
        designation.Property(d => d.EndReason).HasMaxLength(1000);
        designation.Property(d => d.WithdrawalReason).HasMaxLength(1000);
        designation.Property(d => d.Notes).HasMaxLength(2000);
        designation.Property(d => d.DocumentReference).HasMaxLength(500);
        designation.Property(d => d.Version).IsConcurrencyToken();
        designation.HasIndex(d => new { d.CreditCode, d.Kind });
        designation.HasIndex(d => new { d.Kind, d.Id });
        // At most one current designation of each kind, held by the database as well as by the entity's rule (the
        // filter reads the same on SQLite, where a boolean is 0 or 1, and on PostgreSQL).
        designation.HasIndex(d => new { d.CreditCode, d.Kind }, "IX_Designations_Current").IsUnique()
            .HasFilter("\"EndedOn\" IS NULL AND NOT \"Withdrawn\"");
    }
}

internal sealed class PoolEntryConfiguration : IEntityTypeConfiguration<PoolEntry>
{
    public void Configure(EntityTypeBuilder<PoolEntry> entry)
    {
        entry.ToTable("CultivationPool");
        entry.HasKey(e => new { e.CreditCode, e.Year });
        entry.Property(e => e.CreditCode).HasMaxLength(18);
        entry.Property(e => e.Name).HasMaxLength(200);
        entry.Property(e => e.RegionCode).HasMaxLength(12);
        entry.Property(e => e.ZoneCode).HasMaxLength(12);
        entry.HasOne<Enterprise>().WithMany().HasForeignKey(e => e.CreditCode).OnDelete(DeleteBehavior.Cascade);
        // The pool's order after its filters: a page (year, at most so many missing, a district or a zone) is a
        // range of one index, however large the register.
        entry.HasIndex(e => new { e.Year, e.MissingCount, e.Name, e.CreditCode });
        entry.HasIndex(e => new { e.Year, e.RegionCode, e.MissingCount, e.Name, e.CreditCode });
        // Only the rows in a zone are in the zone's index, the only ones a zone's page reads: the others, nine tenths of the
        // bench's, were written to it at every rebuild and report, and made it as large as the other two.
        entry.HasIndex(e => new { e.Year, e.ZoneCode, e.MissingCount, e.Name, e.CreditCode }).HasFilter("\"ZoneCode\" IS NOT NULL");
    }
}

internal sealed class PoolStateConfiguration : IEntityTypeConfiguration<PoolState>
{
    public void Configure(EntityTypeBuilder<PoolState> state)
    {
        state.ToTable("CultivationPoolState");
        state.HasKey(s => s.Id);
        state.Property(s => s.Id).ValueGeneratedNever();
        state.Property(s => s.Signature).HasMaxLength(200);
    }
}

internal sealed class QualificationCountConfiguration : IEntityTypeConfiguration<QualificationCount>
{
    public void Configure(EntityTypeBuilder<QualificationCount> count)
    {
        // The period first: a count on a day reads three ranges of the key (years, months, days), whatever the groups.
        count.HasKey(c => new { c.Period, c.RegionCode, c.ZoneCode, c.Type });
        count.Property(c => c.RegionCode).HasMaxLength(12);
        count.Property(c => c.ZoneCode).HasMaxLength(12);
        count.Property(c => c.Type).HasConversion<string>().HasMaxLength(30);
    }
}

internal sealed class QualificationCountsStateConfiguration : IEntityTypeConfiguration<QualificationCountsState>
{
    public void Configure(EntityTypeBuilder<QualificationCountsState> state)
    {
        state.HasKey(s => s.Id);
        state.Property(s => s.Id).ValueGeneratedNever();
        state.Property(s => s.Signature).HasMaxLength(200);
    }
}
