using EventBus;
using Plans.Api.RegisterMetrics.Counters;
using Platforms.Contracts;

namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>
/// Keeps the local copy of the platform register from its events and reports each change's
/// contributions before and after to the counters, in the batch's transaction, saved with the
/// batch's inbox rows. An event reads one platform and its tenants, through the batch's reads
/// (<see cref="PlatformBatch"/>): its cost does not depend on the register's size. Every platform event carries the platform's classification and place as they
/// are after the change, so the latest one of a platform is its truth.
/// </summary>
public sealed class PlatformEventHandler(PlatformBatch batch, CounterChanges counters, RegisterLocks locks) :
    IIntegrationEventHandler<PlatformAccredited>,
    IIntegrationEventHandler<PlatformUpdated>,
    IIntegrationEventHandler<PlatformStatusChanged>,
    IIntegrationEventHandler<TenantAdmitted>,
    IIntegrationEventHandler<TenantGraduated>
{
    public Task HandleAsync(PlatformAccredited e, CancellationToken ct) => PlatformAsync(e.PlatformId,
        Facts(e.Type, e.Level, e.Status, e.Designations, e.Abroad, e.HostCreditCode, e.ApprovedOn, e.RegionCode, e.ZoneCode), e.OccurredAt, ct);

    public Task HandleAsync(PlatformUpdated e, CancellationToken ct) => PlatformAsync(e.PlatformId,
        Facts(e.Type, e.Level, e.Status, e.Designations, e.Abroad, e.HostCreditCode, e.ApprovedOn, e.RegionCode, e.ZoneCode), e.OccurredAt, ct);

    public Task HandleAsync(PlatformStatusChanged e, CancellationToken ct) => PlatformAsync(e.PlatformId,
        Facts(e.Type, e.Level, e.Status, e.Designations, e.Abroad, e.HostCreditCode, e.ApprovedOn, e.RegionCode, e.ZoneCode), e.OccurredAt, ct);

    public Task HandleAsync(TenantAdmitted e, CancellationToken ct) => TenantAsync(e.TenantId, e.PlatformId,
        NamedByTenant(e.PlatformType, e.PlatformLevel, e.Abroad, e.RegionCode, e.ZoneCode), graduatedOn: null, e.OccurredAt, ct);

    public Task HandleAsync(TenantGraduated e, CancellationToken ct) => TenantAsync(e.TenantId, e.PlatformId,
        NamedByTenant(e.PlatformType, e.PlatformLevel, e.Abroad, e.RegionCode, e.ZoneCode), e.GraduatedOn, e.OccurredAt, ct);

    /// <summary>The facts every platform event gives; the host is an enterprise exactly when the event names its credit code.</summary>
    private static PlatformFacts Facts(string type, string level, string status, IReadOnlyList<string> designations, bool abroad,
        string? hostCreditCode, DateOnly approvedOn, string regionCode, string? zoneCode) =>
        new(type, level, status, PlatformFacts.Join(designations), abroad, hostCreditCode is not null, approvedOn, regionCode, zoneCode);

    private async Task PlatformAsync(Guid id, PlatformFacts facts, DateTimeOffset occurredAt, CancellationToken ct)
    {
        await locks.ForEventAsync(PlatformsSource.Name, ct);
        var platform = await batch.Platforms.FindAsync(id, ct);
        var tenants = await batch.Tenants.WhereAsync(id, ct);
        if (platform is null)
        {
            platform = new RegisteredPlatform(id, facts, occurredAt);
            batch.Platforms.Add(platform);
            counters.Replace([], PlatformContributions.Of(platform, tenants).ToList());
            return;
        }

        var before = PlatformContributions.Of(platform, tenants).ToList();
        if (platform.Apply(facts, occurredAt))
        {
            counters.Replace(before, PlatformContributions.Of(platform, tenants).ToList());
        }
    }

    /// <summary>
    /// A tenant's news; a platform only a tenant has named so far is recorded with the classification and place
    /// the tenant's event gives and no status (it counts as a platform once its own news arrives), and any
    /// platform news, however old, takes its place.
    /// </summary>
    private async Task TenantAsync(long id, Guid platformId, PlatformFacts namedByTenant, DateOnly? graduatedOn, DateTimeOffset occurredAt,
        CancellationToken ct)
    {
        await locks.ForEventAsync(PlatformsSource.Name, ct);
        var platform = await batch.Platforms.FindAsync(platformId, ct);
        if (platform is null)
        {
            platform = new RegisteredPlatform(platformId, namedByTenant, DateTimeOffset.MinValue);
            batch.Platforms.Add(platform);
        }

        var tenants = await batch.Tenants.WhereAsync(platformId, ct);
        var before = PlatformContributions.Of(platform, tenants).ToList();
        var changed = true;
        if (tenants.Find(t => t.Id == id) is { } tenant)
        {
            changed = tenant.Apply(graduatedOn, occurredAt);
        }
        else
        {
            var added = new RegisteredTenant(id, platformId, graduatedOn, occurredAt);
            batch.Tenants.Add(added);
            tenants.Add(added);
        }

        if (changed)
        {
            counters.Replace(before, PlatformContributions.Of(platform, tenants).ToList());
        }
    }

    /// <summary>What a tenant's event tells of its platform: no status (so it counts as no platform), designations, host or approval.</summary>
    private static PlatformFacts NamedByTenant(string type, string level, bool abroad, string regionCode, string? zoneCode) =>
        new(type, level, null, "", abroad, false, DateOnly.MinValue, regionCode, zoneCode);
}
