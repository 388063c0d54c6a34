using EventBus.Redis;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Plans.Api.Domain;
using Plans.Api.RegisterMetrics.Authority;

namespace Plans.Api.Data;

/// <summary>
/// The Plans database. Used directly by the feature handlers (no repository over it). Each
/// provider has a subclass with its own migrations: <see cref="SqlitePlansDbContext"/> and
/// <see cref="PostgresPlansDbContext"/>. The register sources' copies and the metric counters are
/// in the model through their configurations (RegisterMetrics/) and read with <c>Set&lt;T&gt;()</c>.
/// </summary>
public abstract class PlansDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<TargetAdjustment> TargetAdjustments => Set<TargetAdjustment>();
    public DbSet<TaskAdjustment> TaskAdjustments => Set<TaskAdjustment>();
    public DbSet<MonitoringReview> Reviews => Set<MonitoringReview>();
    public DbSet<KeyTask> Tasks => Set<KeyTask>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<PlanDocument> Documents => Set<PlanDocument>();
    public DbSet<SeedRecord> SeedRecords => Set<SeedRecord>();
    public DbSet<RegisterAuthority> RegisterAuthorities => Set<RegisterAuthority>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddEventBusTables();
    }
}

public sealed class SqlitePlansDbContext(DbContextOptions<SqlitePlansDbContext> options) : PlansDbContext(options);

public sealed class PostgresPlansDbContext(DbContextOptions<PostgresPlansDbContext> options) : PlansDbContext(options);
