namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>
/// What a platform of the copy, with its tenants, contributes to the counters: the one definition of
/// the platform metrics, used by the event handler (before and after each change) and by the rebuild.
/// Platforms and tenants count while they are there, so each contribution is dated never-ending: a
/// platform that stops being active, or a tenant that leaves, takes its count away by an event.
/// </summary>
public static class PlatformContributions
{
    public static IEnumerable<Contribution> Of(RegisteredPlatform platform, IEnumerable<RegisteredTenant> tenants)
    {
        var (district, zone) = (platform.RegionCode, platform.ZoneCode ?? "");
        if (platform.IsActive)
        {
            yield return new Contribution(PlatformMetricKeys.Active(platform.Type, platform.Level), district, zone, DateOnly.MaxValue);
        }

        foreach (var _ in tenants.Where(t => t.GraduatedOn is null))
        {
            yield return new Contribution(PlatformMetricKeys.TenantsActive, district, zone, DateOnly.MaxValue);
        }
    }
}
