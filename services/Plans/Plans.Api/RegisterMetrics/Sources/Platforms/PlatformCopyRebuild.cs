using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Counters;

namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>
/// Replaces the copy of the platform register with a snapshot, set-based: platforms and tenants no
/// event has changed since the snapshot are deleted and written again from it in multi-row
/// statements; rows an event changed after it are kept as they are.
/// </summary>
internal static class PlatformCopyRebuild
{
    public static async Task<RebuiltCopy> RunAsync(PlansDbContext db, PlatformSnapshot snapshot, CancellationToken ct)
    {
        var at = snapshot.TakenAt;
        var keptPlatforms = await db.Set<RegisteredPlatform>().AsNoTracking().Where(p => p.LastEventAt > at).ToListAsync(ct);
        await db.Set<RegisteredPlatform>().Where(p => p.LastEventAt <= at).ExecuteDeleteAsync(ct);
        var keptPlatformIds = keptPlatforms.Select(p => p.Id).ToHashSet();
        var freshPlatforms = snapshot.Platforms.Where(p => !keptPlatformIds.Contains(p.Id))
            .Select(p => new RegisteredPlatform(p.Id, p.Type, p.Level, p.Status, p.RegionCode, p.ZoneCode, at)).ToList();
        await BulkSql.InsertAsync<RegisteredPlatform>(db,
            [nameof(RegisteredPlatform.Id), nameof(RegisteredPlatform.Type), nameof(RegisteredPlatform.Level), nameof(RegisteredPlatform.Status),
                nameof(RegisteredPlatform.RegionCode), nameof(RegisteredPlatform.ZoneCode), nameof(RegisteredPlatform.LastEventAt)],
            freshPlatforms.Select(p => new object?[] { p.Id, p.Type, p.Level, p.Status, p.RegionCode, p.ZoneCode, p.LastEventAt }), ct);

        var keptTenants = await db.Set<RegisteredTenant>().AsNoTracking().Where(t => t.LastEventAt > at).ToListAsync(ct);
        await db.Set<RegisteredTenant>().Where(t => t.LastEventAt <= at).ExecuteDeleteAsync(ct);
        var keptTenantIds = keptTenants.Select(t => t.Id).ToHashSet();
        var freshTenants = snapshot.Tenants.Where(t => !keptTenantIds.Contains(t.Id))
            .Select(t => new RegisteredTenant(t.Id, t.PlatformId, t.Active ? null : t.GraduatedOn ?? DateOnly.MinValue, at)).ToList();
        await BulkSql.InsertAsync<RegisteredTenant>(db,
            [nameof(RegisteredTenant.Id), nameof(RegisteredTenant.PlatformId), nameof(RegisteredTenant.GraduatedOn), nameof(RegisteredTenant.LastEventAt)],
            freshTenants.Select(t => new object?[] { t.Id, t.PlatformId, t.GraduatedOn, t.LastEventAt }), ct);

        // A tenant whose platform neither the list nor an event knows cannot be placed and counts nowhere.
        var platforms = keptPlatforms.Concat(freshPlatforms).ToList();
        var tenantsOf = keptTenants.Concat(freshTenants).ToLookup(t => t.PlatformId);
        var listed = new Dictionary<string, int> { ["platforms"] = snapshot.Platforms.Count, ["tenants"] = snapshot.Tenants.Count };
        return new RebuiltCopy(listed, platforms.SelectMany(p => PlatformContributions.Of(p, tenantsOf[p.Id])));
    }
}
