using static Plans.Api.RegisterMetrics.Sources.Platforms.PlatformMetricKeys;

namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>
/// What a platform of the copy, with its tenants, contributes to the counters: the one definition of
/// the platform metrics, used by the event handler (before and after each change) and by the rebuild.
/// Active platforms and tenants count while they are there, so each such contribution is dated
/// never-ending: a platform that stops being active, or a tenant that leaves, takes its count away by
/// an event. An accredited platform counts on the day of its approval, until it is revoked.
/// </summary>
/// <remarks>
/// A platform adds to the series of its type and level, and to that series under each filter it
/// passes, so that a key with a filter sums one series per type and level. A type the keys cannot
/// name (one the Platforms catalog gained by configuration) adds to no platform series: no metric
/// would read them.
/// </remarks>
public static class PlatformContributions
{
    public static IEnumerable<Contribution> Of(RegisteredPlatform platform, IEnumerable<RegisteredTenant> tenants)
    {
        var (district, zone) = (platform.RegionCode, platform.ZoneCode ?? "");
        if (PlatformTypes.Contains(platform.Type))
        {
            foreach (var filter in FiltersOf(platform))
            {
                if (platform.IsActive)
                {
                    yield return new Contribution(Active(platform.Type, platform.Level, filter), district, zone, DateOnly.MaxValue);
                }

                if (platform.IsAccredited)
                {
                    yield return new Contribution(Accredited(platform.Type, platform.Level, filter), district, zone, platform.ApprovedOn);
                }
            }
        }

        foreach (var _ in tenants.Where(t => t.GraduatedOn is null))
        {
            yield return new Contribution(TenantsActive, district, zone, DateOnly.MaxValue);
        }
    }

    /// <summary>No filter (every platform passes it), then each filter the platform passes.</summary>
    private static IEnumerable<string?> FiltersOf(RegisteredPlatform platform)
    {
        yield return null;
        if (platform.Abroad)
        {
            yield return Abroad;
        }

        if (platform.EnterpriseHosted)
        {
            yield return EnterpriseHosted;
        }

        foreach (var designation in platform.DesignationList)
        {
            yield return DesignatedFilter(designation);
        }
    }
}
