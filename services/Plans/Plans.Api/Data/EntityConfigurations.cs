using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plans.Api.Domain;
using Plans.Api.Regions;

namespace Plans.Api.Data;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> plan)
    {
        plan.HasKey(p => p.Code);
        plan.Property(p => p.Code).HasMaxLength(64);
        plan.Property(p => p.Version).IsConcurrencyToken();
        plan.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        plan.ComplexProperty(p => p.Details, details =>
        {
            details.Property(d => d.Title).HasColumnName("Title").HasMaxLength(300);
            details.Property(d => d.TitleEn).HasColumnName("TitleEn").HasMaxLength(500);
            details.Property(d => d.Kind).HasColumnName("Kind").HasConversion<string>().HasMaxLength(30);
            details.Property(d => d.Level).HasColumnName("Level").HasConversion<string>().HasMaxLength(30);
            details.Property(d => d.RegionCode).HasColumnName("RegionCode").HasMaxLength(12);
            details.Property(d => d.PeriodStart).HasColumnName("PeriodStart");
            details.Property(d => d.PeriodEnd).HasColumnName("PeriodEnd");
            details.Property(d => d.BaselineYear).HasColumnName("BaselineYear");
            details.Property(d => d.Issuer).HasColumnName("Issuer").HasMaxLength(200);
            details.Property(d => d.DocumentNumber).HasColumnName("DocumentNumber").HasMaxLength(100);
            details.Property(d => d.IssuedOn).HasColumnName("IssuedOn");
            details.Property(d => d.ParentPlanCode).HasColumnName("ParentPlanCode").HasMaxLength(64);
            details.Property(d => d.ParentPlanTitle).HasColumnName("ParentPlanTitle").HasMaxLength(300);
        });
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> indicator)
    {
        indicator.HasKey(i => i.Id);
        indicator.HasIndex(i => new { i.PlanCode, i.Code }).IsUnique();
        indicator.Property(i => i.PlanCode).HasMaxLength(64);
        indicator.Property(i => i.Code).HasMaxLength(64);
        indicator.Property(i => i.Version).IsConcurrencyToken();
        indicator.HasOne<Plan>().WithMany().HasForeignKey(i => i.PlanCode).OnDelete(DeleteBehavior.Cascade);
        indicator.ComplexProperty(i => i.Definition, definition =>
        {
            definition.Property(d => d.Name).HasColumnName("Name").HasMaxLength(300);
            definition.Property(d => d.Unit).HasColumnName("Unit").HasMaxLength(50);
            definition.Property(d => d.Measure).HasColumnName("Measure").HasConversion<string>().HasMaxLength(20);
            definition.Property(d => d.Direction).HasColumnName("Direction").HasConversion<string>().HasMaxLength(20);
            definition.Property(d => d.BaselineYear).HasColumnName("BaselineYear");
            definition.Property(d => d.BaselineValue).HasColumnName("BaselineValue").HasPrecision(20, 4);
            definition.Property(d => d.BaselineRaw).HasColumnName("BaselineRaw").HasMaxLength(200);
            definition.Property(d => d.Nature).HasColumnName("Nature").HasConversion<string>().HasMaxLength(20);
            definition.Property(d => d.MunicipalOutline).HasColumnName("MunicipalOutline");
            definition.Property(d => d.MunicipalPerformance).HasColumnName("MunicipalPerformance");
        });
        indicator.ComplexProperty(i => i.Annotations, annotations =>
        {
            annotations.Property(a => a.NameEn).HasColumnName("NameEn").HasMaxLength(500);
            annotations.Property(a => a.Category).HasColumnName("Category").HasMaxLength(100);
            annotations.Property(a => a.Metric).HasColumnName("Metric").HasMaxLength(120);
            annotations.Property(a => a.Source).HasColumnName("Source").HasMaxLength(500);
            annotations.Property(a => a.Notes).HasColumnName("Notes").HasMaxLength(2000);
        });
        indicator.OwnsMany(i => i.Targets, target =>
        {
            target.ToTable("IndicatorTargets");
            target.WithOwner().HasForeignKey("IndicatorId");
            target.Property<long>("Id");
            target.HasKey("Id");
            target.Property(t => t.Value).HasPrecision(20, 4);
            target.Property(t => t.Qualifier).HasConversion<string>().HasMaxLength(20);
            target.Property(t => t.Raw).HasMaxLength(200);
        });
        indicator.Navigation(i => i.Targets).UsePropertyAccessMode(PropertyAccessMode.Field);
        indicator.OwnsMany(i => i.Flags, flag =>
        {
            flag.ToTable("IndicatorFlags");
            flag.WithOwner().HasForeignKey("IndicatorId");
            flag.Property<long>("Id");
            flag.HasKey("Id");
            flag.Property(f => f.Code).HasMaxLength(50);
            flag.Property(f => f.Message).HasMaxLength(1000);
        });
        indicator.Navigation(i => i.Flags).UsePropertyAccessMode(PropertyAccessMode.Field);
        indicator.OwnsMany(i => i.Units, unit =>
        {
            unit.ToTable("IndicatorUnits");
            unit.WithOwner().HasForeignKey("IndicatorId");
            unit.Property<long>("Id");
            unit.HasKey("Id");
            unit.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
            unit.Property(u => u.Name).HasMaxLength(200);
            unit.HasIndex(u => u.Name);
        });
        indicator.Navigation(i => i.Units).UsePropertyAccessMode(PropertyAccessMode.Field);
        indicator.Ignore(i => i.Facts);
        indicator.Ignore(i => i.Assignment);
    }
}

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> observation)
    {
        observation.HasKey(o => o.Id);
        observation.HasIndex(o => new { o.IndicatorId, o.Year });
        // One current automatic figure per indicator and year, updated in place as the register changes.
        observation.HasIndex(o => new { o.IndicatorId, o.Year }, "IX_Observations_IndicatorId_Year_Automatic").IsUnique()
            .HasFilter("\"Origin\" = 'Metric'");
        observation.HasOne<Indicator>().WithMany().HasForeignKey(o => o.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        observation.Property(o => o.Value).HasPrecision(20, 4);
        observation.Property(o => o.Origin).HasConversion<string>().HasMaxLength(20);
        observation.Property(o => o.RecordedBy).HasMaxLength(200);
        observation.Property(o => o.Note).HasMaxLength(2000);
        observation.Property(o => o.Source).HasMaxLength(200);
        observation.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        observation.Property(o => o.SubmittedBy).HasMaxLength(200);
        observation.Property(o => o.ApprovedBy).HasMaxLength(200);
        observation.Property(o => o.UnapprovedBy).HasMaxLength(200);
        observation.Property(o => o.UnapprovalReason).HasMaxLength(2000);
    }
}

internal sealed class KeyTaskConfiguration : IEntityTypeConfiguration<KeyTask>
{
    public void Configure(EntityTypeBuilder<KeyTask> task)
    {
        task.ToTable("Tasks");
        task.HasKey(t => t.Id);
        task.HasIndex(t => new { t.PlanCode, t.Code }).IsUnique();
        // The task list's default order: a plan's tasks by their document numbering.
        task.HasIndex(t => new { t.PlanCode, t.SortKey });
        task.Property(t => t.PlanCode).HasMaxLength(64);
        task.Property(t => t.Code).HasMaxLength(64);
        task.Property(t => t.SortKey).HasMaxLength(TaskNumbering.MaxKeyLength);
        task.Property(t => t.Title).HasMaxLength(500);
        task.Property(t => t.Description).HasMaxLength(4000);
        task.Property(t => t.Version).IsConcurrencyToken();
        task.HasOne<Plan>().WithMany().HasForeignKey(t => t.PlanCode).OnDelete(DeleteBehavior.Cascade);
        task.ComplexProperty(t => t.Progress, progress =>
        {
            progress.Property(p => p.Status).HasColumnName("Status").HasConversion<string>().HasMaxLength(20);
            progress.Property(p => p.Note).HasColumnName("ProgressNote").HasMaxLength(4000);
        });
        task.OwnsMany(t => t.Units, unit =>
        {
            unit.ToTable("TaskUnits");
            unit.WithOwner().HasForeignKey("TaskId");
            unit.Property<long>("Id");
            unit.HasKey("Id");
            unit.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
            unit.Property(u => u.Name).HasMaxLength(200);
            unit.HasIndex(u => u.Name);
        });
        task.Navigation(t => t.Units).UsePropertyAccessMode(PropertyAccessMode.Field);
        task.Ignore(t => t.LeadUnits);
        task.Ignore(t => t.ResponsibleUnits);
        task.Ignore(t => t.Definition);
    }
}

internal sealed class PlanDocumentConfiguration : IEntityTypeConfiguration<PlanDocument>
{
    public void Configure(EntityTypeBuilder<PlanDocument> document)
    {
        document.HasKey(d => d.PlanCode);
        document.Property(d => d.PlanCode).HasMaxLength(64);
        document.HasOne<Plan>().WithOne().HasForeignKey<PlanDocument>(d => d.PlanCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SeedRecordConfiguration : IEntityTypeConfiguration<SeedRecord>
{
    public void Configure(EntityTypeBuilder<SeedRecord> record)
    {
        record.HasKey(r => r.Key);
        record.Property(r => r.Key).HasMaxLength(200);
    }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> region)
    {
        region.HasKey(r => r.Code);
        region.Property(r => r.Code).HasMaxLength(12);
        region.Property(r => r.Name).HasMaxLength(100);
        region.Property(r => r.NameEn).HasMaxLength(200);
        region.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        region.Property(r => r.ParentCode).HasMaxLength(12);
        region.Ignore(r => r.PlanLevel);
        region.HasData(RegionCatalog.All);
    }
}
