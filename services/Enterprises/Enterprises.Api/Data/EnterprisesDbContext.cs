using EventBus.Redis;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Audit;
using ServiceDefaults.Idempotency;

namespace Enterprises.Api.Data;

/// <summary>
/// The Enterprises database, used directly by the feature handlers. Each provider has a subclass
/// with its own migrations: <see cref="SqliteEnterprisesDbContext"/> and <see cref="PostgresEnterprisesDbContext"/>.
/// </summary>
public abstract class EnterprisesDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<AnnualReport> AnnualReports => Set<AnnualReport>();
    public DbSet<Qualification> Qualifications => Set<Qualification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EnterprisesDbContext).Assembly);
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.AddAuditRecords();
        modelBuilder.AddEventBusTables();
    }
}

public sealed class SqliteEnterprisesDbContext(DbContextOptions<SqliteEnterprisesDbContext> options) : EnterprisesDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ServiceDefaults.Data.SqliteConventions.Apply(configurationBuilder);
}

public sealed class PostgresEnterprisesDbContext(DbContextOptions<PostgresEnterprisesDbContext> options) : EnterprisesDbContext(options);
