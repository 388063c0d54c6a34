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

    /// <summary>
    /// What every context of a service is built with: logged parameter values could be personal data, so they
    /// are never logged, whatever a host configures; and the model is cached per personal-data protection.
    /// </summary>
    public static DbContextOptionsBuilder Protect(DbContextOptionsBuilder options) =>
        options.EnableSensitiveDataLogging(false).ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>();

    /// <summary>
    /// The pooled contexts of a service are built with <see cref="Protect"/> (a pooled context may not change its
    /// options here); a context built any other way (design time, a test) is given it here.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (!IsProtected(optionsBuilder.Options))
        {
            Protect(optionsBuilder);
        }
    }

    private static bool IsProtected(DbContextOptions options) =>
        options.FindExtension<CoreOptionsExtension>() is { IsSensitiveDataLoggingEnabled: false } core
        && core.ReplacedServices?.Any(r => r.Key.Item1 == typeof(IModelCacheKeyFactory) && r.Value == typeof(PersonalDataModelCacheKeyFactory)) == true;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.AddAuditRecords();
        modelBuilder.AddLookupKeys();
        modelBuilder.AddLiterals();
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
