using EventBus;
using Persistence;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Counters;
using Platforms.Contracts;

namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>
/// The platform copy as one batch of the register's events reads it: the platforms the batch names,
/// with their tenants, read ahead in one query each (after the register's lock, as a handler reads),
/// and kept with what the batch adds until its save.
/// </summary>
public sealed class PlatformBatch(PlansDbContext db, RegisterLocks locks) : IEventBatchLoader
{
    public BatchRows<Guid, RegisteredPlatform> Platforms { get; } = new(db, p => p.Id);
    public BatchRows<Guid, RegisteredTenant> Tenants { get; } = new(db, t => t.PlatformId);

    public async Task LoadAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.Select(PlatformIdOf).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        await locks.ForEventAsync(PlatformsSource.Name, cancellationToken);
        await Platforms.LoadAsync(ids, cancellationToken);
        await Tenants.LoadAsync(ids, cancellationToken);
    }

    private static Guid? PlatformIdOf(IntegrationEvent e) => e switch
    {
        PlatformAccredited a => a.PlatformId,
        PlatformUpdated u => u.PlatformId,
        PlatformStatusChanged s => s.PlatformId,
        TenantAdmitted a => a.PlatformId,
        TenantGraduated g => g.PlatformId,
        _ => null,
    };
}
