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
        OrdinalText(modelBuilder);
    }

    /// <summary>
    /// Text is compared as the service compares it (ordinal), whatever the database's locale: every text column, the
    /// codes that key, join and order the register among them (credit, region and zone codes, types, statuses) and the
    /// pool's names. Under a locale such as C.UTF-8 each comparison went through the C library's collation, about a
    /// seventh of the server's CPU while an import fills the register's indexes; "C" compares bytes, which for UTF-8 is
    /// the same order (by code point). The register's names keep the database's collation: ILIKE folds the case of their
    /// letters by it, where "C" folds ASCII letters alone.
    /// </summary>
    private static void OrdinalText(ModelBuilder modelBuilder)
    {
        string[] names = [nameof(Enterprise.Name), nameof(Enterprise.NameEn)];
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            var stored = property.GetProviderClrType() ?? property.GetValueConverter()?.ProviderClrType ?? property.ClrType;
            if (stored == typeof(string) && !(property.DeclaringType.ClrType == typeof(Enterprise) && names.Contains(property.Name)))
            {
                property.SetCollation("C");
            }
        }
    }
}
