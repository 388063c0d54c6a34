using Enterprises.Api.Data;
using EventBus;
using Platforms.Contracts;

namespace Enterprises.Api.Platforms;

/// <summary>
/// Keeps the copy of the platforms enterprises host from the Platforms service's events. Each event
/// carries the platform's host, name, type, level and status after the change, so any of them creates
/// or refreshes the row; news older than the row's last change is ignored.
/// </summary>
public sealed class HostedPlatformsHandler(EnterprisesDbContext db) :
    IIntegrationEventHandler<PlatformAccredited>,
    IIntegrationEventHandler<PlatformUpdated>,
    IIntegrationEventHandler<PlatformStatusChanged>
{
    public Task HandleAsync(PlatformAccredited e, CancellationToken ct) =>
        ApplyAsync(e.PlatformId, e.HostCreditCode, e.Name, e.Type, e.Level, e.Status, e.OccurredAt, ct);

    public Task HandleAsync(PlatformUpdated e, CancellationToken ct) =>
        ApplyAsync(e.PlatformId, e.HostCreditCode, e.Name, e.Type, e.Level, e.Status, e.OccurredAt, ct);

    public Task HandleAsync(PlatformStatusChanged e, CancellationToken ct) =>
        ApplyAsync(e.PlatformId, e.HostCreditCode, e.Name, e.Type, e.Level, e.Status, e.OccurredAt, ct);

    private async Task ApplyAsync(Guid platformId, string? hostCreditCode, string name, string type, string level, string status,
        DateTimeOffset occurredAt, CancellationToken ct)
    {
        var platform = await db.HostedPlatforms.FindAsync([platformId], ct);
        if (platform is null)
        {
            platform = new HostedPlatform(platformId, occurredAt);
            db.HostedPlatforms.Add(platform);
        }

        platform.Apply(hostCreditCode, name, type, level, status, occurredAt);
    }
}
