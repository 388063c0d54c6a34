using Microsoft.EntityFrameworkCore;
using Persistence.Audit;
using Persistence.Idempotency;

namespace Persistence;

/// <summary>
/// Base of every service's DbContext: the service's entity configurations (from its own assembly),
/// the tables every service keeps (idempotency records, the audit trail), and on SQLite the
/// conventions that let the same LINQ run on both providers. Each provider still has its own
/// subclass, so that each has its own migration set.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.AddAuditRecords();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            SqliteConventions.Apply(configurationBuilder);
        }
    }
}
