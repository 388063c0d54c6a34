using Enterprises.Api.CultivationPool;
using Enterprises.Api.Domain;
using Enterprises.Api.Platforms;
using EventBus.Redis;
using Microsoft.EntityFrameworkCore;
using Persistence;

namespace Enterprises.Api.Data;

/// <summary>
/// The Enterprises database, used directly by the feature handlers. Each provider has a subclass
/// with its own migrations: <see cref="SqliteEnterprisesDbContext"/> and <see cref="PostgresEnterprisesDbContext"/>.
/// </summary>
public abstract class EnterprisesDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<AnnualReport> AnnualReports => Set<AnnualReport>();
    public DbSet<Qualification> Qualifications => Set<Qualification>();
    public DbSet<Designation> Designations => Set<Designation>();
    public DbSet<HostedPlatform> HostedPlatforms => Set<HostedPlatform>();
    public DbSet<PoolEntry> CultivationPool => Set<PoolEntry>();
    public DbSet<PoolState> CultivationPoolState => Set<PoolState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddEventBusTables();
    }
}

public sealed class SqliteEnterprisesDbContext(DbContextOptions<SqliteEnterprisesDbContext> options) : EnterprisesDbContext(options);

public sealed class PostgresEnterprisesDbContext(DbContextOptions<PostgresEnterprisesDbContext> options) : EnterprisesDbContext(options)
{
    /// <summary>
    /// Trigram indexes (pg_trgm, shipped with PostgreSQL) for the list's name search (q): ILIKE '%words%' on a
    /// million names reads the index instead of every row, Chinese names included (their characters are letters
    /// to pg_trgm under a UTF-8 locale). Words of fewer than three characters make no trigram and read the table.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Enterprise>().HasIndex(e => e.Name, "IX_Enterprises_Name_Trigrams").HasMethod("gin").HasOperators("gin_trgm_ops");
        modelBuilder.Entity<Enterprise>().HasIndex(e => e.NameEn, "IX_Enterprises_NameEn_Trigrams").HasMethod("gin").HasOperators("gin_trgm_ops");
        // The pool is ordered by name as the service compares text (ordinal), whatever the database's locale.
        modelBuilder.Entity<PoolEntry>().Property(e => e.Name).UseCollation("C");
    }
}
