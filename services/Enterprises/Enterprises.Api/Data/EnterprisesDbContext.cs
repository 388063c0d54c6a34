using Enterprises.Api.CultivationPool;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Platforms;
using Enterprises.Api.Statistics;
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
    public DbSet<QualificationCount> QualificationCounts => Set<QualificationCount>();
    public DbSet<QualificationCountsState> QualificationCountsState => Set<QualificationCountsState>();

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
    /// The name search (q) reads a trigram index (pg_trgm, shipped with PostgreSQL) of the marked names
    /// (<see cref="EnterpriseNameSearch.Marked"/>), which holds each of their characters and pairs of characters, Chinese
    /// ones included (letters to pg_trgm under a UTF-8 locale): a search of any length reads it instead of a million rows.
    /// It is an index of a column the database generates, which the model does not hold: the migration NameCharacters creates
    /// the function, MarkedNamesColumn the column and its index.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.AddMarkedNames();
        OrdinalText(modelBuilder);
    }

    /// <summary>
    /// Text is compared as the service compares it (ordinal), whatever the database's locale: every text column, the
    /// codes that key, join and order the register among them (credit, region and zone codes, types, statuses) and the
    /// pool's names. Under a locale such as C.UTF-8 each comparison went through the C library's collation, about a
    /// seventh of the server's CPU while an import fills the register's indexes; "C" compares bytes, which for UTF-8 is
    /// the same order (by code point). The register's names keep the database's collation: the name search folds the case
    /// of their letters by it, where "C" folds ASCII letters alone.
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
