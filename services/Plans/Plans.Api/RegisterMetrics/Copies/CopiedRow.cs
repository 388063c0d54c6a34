using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Plans.Api.RegisterMetrics.Copies;

/// <summary>
/// A row of a register's copy that the register lists by its own id (a qualification, a platform, a
/// recognition …). It keeps the time of the latest news applied to it, and older news is ignored, so
/// a stale redelivery (a grant after its revocation) cannot undo a later change; a rebuild keeps the
/// rows an event changed after its snapshot (<see cref="CopyTable"/>).
/// </summary>
public abstract class CopiedRow<TId> where TId : notnull
{
    protected CopiedRow()
    {
    }

    protected CopiedRow(TId id, DateTimeOffset lastEventAt)
    {
        Id = id;
        LastEventAt = lastEventAt;
    }

    /// <summary>The register's id of the row.</summary>
    public TId Id { get; private set; } = default!;

    /// <summary>When the latest news applied to this row happened at the register.</summary>
    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>
    /// Whether news that happened at <paramref name="occurredAt"/> is to be taken: not older than what the row
    /// holds. When it is, the row now holds news of that time; the caller then takes its content.
    /// </summary>
    protected bool Takes(DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            return false;
        }

        LastEventAt = occurredAt;
        return true;
    }
}

public static class CopiedRowConfiguration
{
    /// <summary>The table of a copy: keyed by the register's id, which this service never generates.</summary>
    public static EntityTypeBuilder<T> IsCopyTable<T, TId>(this EntityTypeBuilder<T> row, string table)
        where T : CopiedRow<TId> where TId : notnull
    {
        row.ToTable(table);
        row.HasKey(r => r.Id);
        row.Property(r => r.Id).ValueGeneratedNever();
        return row;
    }
}
