using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Persistence.Audit;

namespace Plans.Api.RegisterMetrics.Counters;

/// <summary>
/// How many entities of a register's copy contribute to a series at one place (a district and
/// zone pair) on one day. Maintained by delta from the events and rebuilt by reconciliation; a
/// metric is a sum of these over the places within a region and a window of days. Not audited: it
/// is derived from a copy of another system.
/// </summary>
[NotAudited]
public sealed class MetricCount
{
    private MetricCount()
    {
    }

    public string Series { get; private set; } = null!;
    public string District { get; private set; } = null!;

    /// <summary>The functional zone, or "" when none (a key column cannot be null).</summary>
    public string Zone { get; private set; } = null!;

    public DateOnly Day { get; private set; }
    public int Count { get; private set; }
}

internal sealed class MetricCountConfiguration : IEntityTypeConfiguration<MetricCount>
{
    public const string Table = "MetricCounts";

    public void Configure(EntityTypeBuilder<MetricCount> count)
    {
        count.ToTable(Table);
        count.HasKey(c => new { c.Series, c.District, c.Zone, c.Day });
        count.Property(c => c.Series).HasMaxLength(100);
        count.Property(c => c.District).HasMaxLength(12);
        count.Property(c => c.Zone).HasMaxLength(12);
        // A zone plan's sums go by zone; the key serves district and municipal plans.
        count.HasIndex(c => new { c.Series, c.Zone, c.Day });
    }
}
