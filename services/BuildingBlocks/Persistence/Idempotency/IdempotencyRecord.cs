using Microsoft.EntityFrameworkCore;

namespace Persistence.Idempotency;

/// <summary>The first answer to a creating POST that carried an Idempotency-Key.</summary>
[Persistence.Audit.NotAudited]
public sealed class IdempotencyRecord
{
    /// <summary>The caller's key, scoped by caller so two clients never share one.</summary>
    public required string Key { get; init; }
    /// <summary>HMAC-SHA256 of the request (hex), keyed with the service's hash secret.</summary>
    public required string RequestHash { get; init; }
    public required int StatusCode { get; init; }
    public string? ContentType { get; init; }
    public string? Location { get; init; }
    public string? ETag { get; init; }
    /// <summary>The answer's body as a Data Protection payload: it may hold personal data.</summary>
    public required byte[] Body { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public static class IdempotencyModel
{
    /// <summary>Adds the idempotency table to a service's model; call from OnModelCreating.</summary>
    public static ModelBuilder AddIdempotencyRecords(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("IdempotencyRecords");
            record.HasKey(r => r.Key);
            record.Property(r => r.Key).HasMaxLength(300);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            record.Property(r => r.ContentType).HasMaxLength(200);
            record.Property(r => r.Location).HasMaxLength(2000);
            record.Property(r => r.ETag).HasMaxLength(100);
        });
        return modelBuilder;
    }
}
