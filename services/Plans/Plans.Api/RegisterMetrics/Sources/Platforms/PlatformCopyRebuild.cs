using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Copies;

namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>Replaces the copy of the platform register with a snapshot: platforms and tenants as every copy's tables are (<see cref="CopyTable"/>).</summary>
internal static class PlatformCopyRebuild
{
    public static async Task<RebuiltCopy> RunAsync(PlansDbContext db, PlatformSnapshot snapshot, CancellationToken ct)
    {
        var at = snapshot.TakenAt;
        var platforms = await CopyTable.ReplaceAsync<RegisteredPlatform, Guid>(db, at,
            snapshot.Platforms.Select(p => new RegisteredPlatform(p.Id, p.Facts, at)), ct);
        var tenants = await CopyTable.ReplaceAsync<RegisteredTenant, long>(db, at,
            snapshot.Tenants.Select(t => new RegisteredTenant(t.Id, t.PlatformId, t.Active ? null : t.GraduatedOn ?? DateOnly.MinValue, at)), ct);

        // A tenant whose platform neither the list nor an event knows cannot be placed and counts nowhere.
        var tenantsOf = tenants.ToLookup(t => t.PlatformId);
        var listed = new Dictionary<string, int> { ["platforms"] = snapshot.Platforms.Count, ["tenants"] = snapshot.Tenants.Count };
        return new RebuiltCopy(listed, platforms.SelectMany(p => PlatformContributions.Of(p, tenantsOf[p.Id])));
    }
}
