using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plans.Api.Domain;

namespace Plans.Api.Data;

internal sealed class TargetAdjustmentConfiguration : IEntityTypeConfiguration<TargetAdjustment>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public void Configure(EntityTypeBuilder<TargetAdjustment> adjustment)
    {
        adjustment.HasKey(a => a.Id);
        // The history of an indicator, and the adjustments in force on a date, are read by indicator in date order.
        adjustment.HasIndex(a => new { a.IndicatorId, a.AdjustedOn });
        adjustment.HasOne<Indicator>().WithMany().HasForeignKey(a => a.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        adjustment.Property(a => a.PlanCode).HasMaxLength(64);
        adjustment.Property(a => a.IndicatorCode).HasMaxLength(64);
        adjustment.Property(a => a.Reason).HasMaxLength(2000);
        adjustment.Property(a => a.DocumentNumber).HasMaxLength(100);
        adjustment.Property(a => a.RecordedBy).HasMaxLength(200);
        // A record of what was in force: written once, read whole, never queried by its parts, so one JSON text each.
        Targets(adjustment.Property(a => a.Before));
        Targets(adjustment.Property(a => a.After));
    }

    private static void Targets(PropertyBuilder<IReadOnlyList<Target>> property) =>
        property.HasConversion(
                targets => JsonSerializer.Serialize(targets, Json),
                text => JsonSerializer.Deserialize<List<Target>>(text, Json) ?? new List<Target>(),
                new ValueComparer<IReadOnlyList<Target>>((a, b) => a!.SequenceEqual(b!), t => t.Aggregate(0, (h, x) => HashCode.Combine(h, x)), t => t.ToList()))
            .HasMaxLength(4000);
}

internal sealed class TaskAdjustmentConfiguration : IEntityTypeConfiguration<TaskAdjustment>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<TaskAdjustment> adjustment)
    {
        adjustment.HasKey(a => a.Id);
        adjustment.HasIndex(a => new { a.TaskId, a.AdjustedOn });
        adjustment.HasOne<KeyTask>().WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        adjustment.Property(a => a.PlanCode).HasMaxLength(64);
        adjustment.Property(a => a.TaskCode).HasMaxLength(64);
        adjustment.Property(a => a.Reason).HasMaxLength(2000);
        adjustment.Property(a => a.DocumentNumber).HasMaxLength(100);
        adjustment.Property(a => a.RecordedBy).HasMaxLength(200);
        // What the task read before and after, kept whole as a record: one JSON text each.
        Definition(adjustment.Property(a => a.Before));
        Definition(adjustment.Property(a => a.After));
    }

    private static void Definition(PropertyBuilder<TaskDefinition> property) =>
        property.HasConversion(
                definition => JsonSerializer.Serialize(definition, Json),
                text => JsonSerializer.Deserialize<TaskDefinition>(text, Json)!,
                new ValueComparer<TaskDefinition>((a, b) => a!.SameAs(b!), d => d.Title.GetHashCode(StringComparison.Ordinal), d => d));
}
