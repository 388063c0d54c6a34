using Microsoft.EntityFrameworkCore;

namespace Persistence.Audit;

/// <summary>One audited write: who, when, what resource, which action, and each changed field before and after.</summary>
[NotAudited]
public sealed class AuditRecord
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>The client id of the token, or "system" for the service's own work (seed loading).</summary>
    public required string ClientId { get; init; }
    /// <summary>create, update or delete.</summary>
    public required string Action { get; init; }
    public required string ResourceType { get; init; }
    public required string ResourceKey { get; init; }
    /// <summary>JSON object: field → { before, after }.</summary>
    public required string Changes { get; init; }
    public string? RequestId { get; init; }
}

/// <summary>
/// An entity the audit trail identifies by a key a person recognises (a plan's code, not a row id). The key is
/// stored as is: never build it from personal data, which the trail keeps only as a mask.
/// </summary>
public interface IAuditedResource
{
    string AuditKey { get; }
}

/// <summary>Bookkeeping the audit trail leaves out (idempotency records, the audit trail itself).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;

public static class AuditModel
{
    /// <summary>Adds the audit table to a service's model; call from OnModelCreating.</summary>
    public static ModelBuilder AddAuditRecords(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditRecord>(record =>
        {
            record.ToTable("AuditRecords");
            record.HasKey(r => r.Id);
            record.Property(r => r.ClientId).HasMaxLength(200);
            record.Property(r => r.Action).HasMaxLength(10);
            record.Property(r => r.ResourceType).HasMaxLength(100);
            record.Property(r => r.ResourceKey).HasMaxLength(300);
            record.Property(r => r.RequestId).HasMaxLength(128);
            // A page of the trail is the newest records of a filter (ORDER BY Id DESC LIMIT n): a resource's history and a
            // client's changes each read an index in that order from their first record on, however long the trail. A
            // filter by type alone walks the primary key (every service's trail holds a few types, each a large share).
            record.HasIndex(r => new { r.ResourceKey, r.Id });
            record.HasIndex(r => new { r.ClientId, r.Id });
            record.HasIndex(r => r.At);
        });
        return modelBuilder;
    }
}
