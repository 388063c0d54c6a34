namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>
/// The metric keys of the platform register and the counter series they sum. A platform adds one to
/// the series of its type and level while it is active; a tenant adds one to the tenants' series
/// while it has not left its platform.
/// </summary>
public static class PlatformMetricKeys
{
    /// <summary>The Platforms service's built-in types, as its catalog spells them (GET /api/v1/platforms/types).</summary>
    public static readonly IReadOnlyList<string> PlatformTypes =
    [
        "KeyLab", "EngineeringCenter", "EnterpriseTechCenter", "TechInnovationCenter", "NewRndInstitution", "HaiheLab",
        "IndustryTechInstitute", "Incubator", "MakerSpace", "StarInnovationStation", "UniversitySciencePark", "AgriculturalSciencePark",
        "ConceptVerificationCenter", "PilotBase", "AcademicianWorkstation", "Alliance",
    ];

    /// <summary>The levels a platform has, as the Platforms events write them.</summary>
    public static readonly IReadOnlyList<string> PlatformLevels = ["national", "municipal", "district"];

    /// <summary>A level of a key that names several levels: 市级以上, national or municipal.</summary>
    public const string MunicipalOrAbove = "municipalOrAbove";

    public const string TenantsActive = "platforms.tenants:active";

    public static string Active(string type, string level) => $"platforms.active:{type}:{level}";

    public const string Summary =
        "platforms.active.{Type} and platforms.active.{Type}.{Level} (Level: national, municipal, district, municipalOrAbove; " +
        "a sum of types with '+'); platforms.tenants.active";

    public static readonly string Documentation =
        "### platforms (the Platforms register)\n\n" +
        "A platform counts where its district or its functional zone lies within the plan's region, once (a platform abroad " +
        "counts in its Tianjin region). A sum of types is written with `+`: `platforms.active.Incubator+MakerSpace+StarInnovationStation` " +
        "counts 孵化载体.\n\n" +
        "- `platforms.active.{Type}`: platforms of the type whose status is active today, of every level.\n" +
        "- `platforms.active.{Type}.{Level}`: of those, the platforms of the level: `national`, `municipal`, `district`, or " +
        "`municipalOrAbove` (市级以上: national and municipal).\n" +
        "- `platforms.tenants.active`: tenants (在孵企业 and start-up teams) of incubators, maker spaces and 星创天地 that have not " +
        "left, counted where their platform lies.\n\n" +
        $"Types: {string.Join(", ", PlatformTypes)}. Fed by PlatformAccredited, PlatformUpdated, PlatformStatusChanged, " +
        "TenantAdmitted and TenantGraduated; rebuilt from GET /api/v1/platforms and each hosting platform's " +
        "GET /api/v1/platforms/{id}/tenants?active=true of the Platforms API.";

    /// <summary>The metric a key names, or null when it is not a key of the platform register.</summary>
    public static RegisterMetric? Parse(string key) => key.Split('.') switch
    {
        ["platforms", "active", var types] => Metric(key, types, PlatformLevels),
        ["platforms", "active", var types, var level] when Levels(level) is { } levels => Metric(key, types, levels),
        ["platforms", "tenants", "active"] => new RegisterMetric(key, PlatformsSource.Name, [new MetricTerm(TenantsActive, MetricWindow.HeldToday)]),
        _ => null,
    };

    private static IReadOnlyList<string>? Levels(string level) =>
        level == MunicipalOrAbove ? ["national", "municipal"] : PlatformLevels.Contains(level) ? [level] : null;

    private static RegisterMetric? Metric(string key, string types, IReadOnlyList<string> levels)
    {
        var names = types.Split('+');
        if (names.Any(n => !PlatformTypes.Contains(n)) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            return null;
        }

        return new RegisterMetric(key, PlatformsSource.Name,
            [.. names.SelectMany(type => levels.Select(level => new MetricTerm(Active(type, level), MetricWindow.HeldToday)))]);
    }
}
