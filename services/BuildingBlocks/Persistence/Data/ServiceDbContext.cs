using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Persistence.Audit;
using Persistence.Idempotency;
using Persistence.PersonalData;

namespace Persistence;

/// <summary>
/// Base of every service's DbContext: the service's entity configurations (from its own assembly),
/// the tables every service keeps (idempotency records, the audit trail, the Data Protection key
/// ring and the hash secret of personal data), and on SQLite the conventions that let the same LINQ
/// run on both providers. Properties marked <c>[PersonalData]</c> are stored encrypted. Each provider
/// still has its own subclass, so that each has its own migration set.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The service's Data Protection key ring, shared by its replicas.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        // Logged parameter values could be personal data, whatever a host configures.
        optionsBuilder.EnableSensitiveDataLogging(false)
            .ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.AddAuditRecords();
        modelBuilder.AddLookupKeys();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            SqliteConventions.Apply(configurationBuilder);
        }

        var protection = PersonalDataModel.ProtectionOf(this);
        configurationBuilder.Conventions.Add(_ => new PersonalDataConvention(protection));
    }
}
