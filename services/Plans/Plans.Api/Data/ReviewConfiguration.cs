using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plans.Api.Domain;

namespace Plans.Api.Data;

internal sealed class MonitoringReviewConfiguration : IEntityTypeConfiguration<MonitoringReview>
{
    public void Configure(EntityTypeBuilder<MonitoringReview> review)
    {
        review.HasKey(r => r.Id);
        // A plan's reviews are listed, and counted against their bound, by plan in the order taken.
        review.HasIndex(r => new { r.PlanCode, r.TakenAt });
        review.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanCode).OnDelete(DeleteBehavior.Cascade);
        review.Property(r => r.PlanCode).HasMaxLength(64);
        review.Property(r => r.Title).HasMaxLength(100);
        review.Property(r => r.Note).HasMaxLength(2000);
        review.Property(r => r.TakenBy).HasMaxLength(200);
        // The frozen report: written once and read whole, bounded by the plan's indicators and tasks.
        review.Property(r => r.Content);
    }
}
