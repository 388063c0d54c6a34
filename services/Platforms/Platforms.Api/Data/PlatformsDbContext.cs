using Enterprises.Directory;
using EventBus.Redis;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Platforms.Api.Domain;

namespace Platforms.Api.Data;

/// <summary>
/// The Platforms database, used directly by the feature handlers. Each provider has a subclass with
/// its own migrations: <see cref="SqlitePlatformsDbContext"/> and <see cref="PostgresPlatformsDbContext"/>.
/// It also keeps the enterprise directory (hosts and tenants are named by credit code).
/// </summary>
public abstract class PlatformsDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Platform> Platforms => Set<Platform>();
    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<Rectification> Rectifications => Set<Rectification>();
    public DbSet<RevocationProposal> RevocationProposals => Set<RevocationProposal>();
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<KnownEnterprise> KnownEnterprises => Set<KnownEnterprise>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddEventBusTables();
        modelBuilder.AddEnterpriseDirectory();
    }
}

public sealed class SqlitePlatformsDbContext(DbContextOptions<SqlitePlatformsDbContext> options) : PlatformsDbContext(options);

public sealed class PostgresPlatformsDbContext(DbContextOptions<PostgresPlatformsDbContext> options) : PlatformsDbContext(options);
