using Enterprises.Directory;
using EventBus.Redis;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Talent.Api.Domain;

namespace Talent.Api.Data;

/// <summary>
/// The Talent database, used directly by the feature handlers. Each provider has a subclass with its
/// own migrations: <see cref="SqliteTalentDbContext"/> and <see cref="PostgresTalentDbContext"/>.
/// </summary>
public abstract class TalentDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<Recognition> Recognitions => Set<Recognition>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<CommissionerAssignment> CommissionerAssignments => Set<CommissionerAssignment>();
    public DbSet<KnownEnterprise> KnownEnterprises => Set<KnownEnterprise>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddEventBusTables();
        modelBuilder.AddEnterpriseDirectory();
    }
}

public sealed class SqliteTalentDbContext(DbContextOptions<SqliteTalentDbContext> options) : TalentDbContext(options);

public sealed class PostgresTalentDbContext(DbContextOptions<PostgresTalentDbContext> options) : TalentDbContext(options);
