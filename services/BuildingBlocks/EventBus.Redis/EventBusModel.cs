using EventBus.Redis.Inbox;
using EventBus.Redis.Outbox;
using Microsoft.EntityFrameworkCore;

namespace EventBus.Redis;

public static class EventBusModel
{
    /// <summary>Adds the outbox and inbox tables to a service's model; call from OnModelCreating.</summary>
    public static ModelBuilder AddEventBusTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("OutboxMessages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Type).HasMaxLength(100);
            message.Property(m => m.Source).HasMaxLength(50);
            message.Property(m => m.TraceParent).HasMaxLength(EventEnvelope.MaxTraceParentLength);
            message.Property(m => m.TraceState).HasMaxLength(EventEnvelope.MaxTraceStateLength);
            message.HasIndex(m => m.EventId).IsUnique();
            // The relay's batch query and backlog count read only unpublished rows, on an index of those
            // alone, so the published rows kept for the retention cost them nothing; the clean-up finds
            // old published rows on the other.
            message.HasIndex(m => m.Id, "IX_OutboxMessages_Unpublished").HasFilter("\"PublishedAt\" IS NULL");
            message.HasIndex(m => m.PublishedAt).HasFilter("\"PublishedAt\" IS NOT NULL");
            message.Ignore(m => m.Envelope);
        });
        modelBuilder.Entity<InboxMessage>(message =>
        {
            message.ToTable("InboxMessages");
            message.HasKey(m => m.EventId);
            message.Property(m => m.Type).HasMaxLength(100);
            message.Property(m => m.Source).HasMaxLength(50);
            message.HasIndex(m => m.AppliedAt);
        });
        return modelBuilder;
    }
}
