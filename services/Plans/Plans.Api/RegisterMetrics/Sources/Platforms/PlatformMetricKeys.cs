using System.Text.RegularExpressions;

namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>
/// The metric keys of the platform register and the counter series they sum. A platform adds one to
/// the series of its type and level while it is active, and one more to the series of each filter it
/// passes (abroad, hosted by an enterprise, each designation it holds); while it is not revoked it
/// adds the same to the accredited series, dated by its approval. A tenant adds one to the tenants'
/// series while it has not left its platform.
/// </summary>
public static partial class PlatformMetricKeys
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

    /// <summary>The type of a key that names every type above (lower case: no type key of the catalog is).</summary>
    public const string AllTypes = "all";

    /// <summary>The filter of platforms located abroad (境外).</summary>
    public const string Abroad = "abroad";

    /// <summary>The filter of platforms whose host (依托单位) is an enterprise.</summary>
    public const string EnterpriseHosted = "enterpriseHosted";

    /// <summary>The filter of platforms holding a designation of their type: <c>designated.{designation}</c> in a key.</summary>
    public const string Designated = "designated";

    public const string TenantsActive = "platforms.tenants:active";

    /// <summary>The series of active platforms of a type and level, of those passing <paramref name="filter"/> when one is given.</summary>
    public static string Active(string type, string level, string? filter = null) => Series("platforms.active", type, level, filter);

    /// <summary>The series of platforms of a type and level that are not revoked, dated by their approval.</summary>
    public static string Accredited(string type, string level, string? filter = null) => Series("platforms.accredited", type, level, filter);

    /// <summary>The filter of a designation as series write it.</summary>
    public static string DesignatedFilter(string designation) => $"{Designated}:{designation}";

    public const string Summary =
        "platforms.active.{Types}, platforms.active.{Types}.{Level}, either followed by a filter (abroad, enterpriseHosted, " +
        "designated.{designation}), and the same with platforms.accredited (Level: national, municipal, district, municipalOrAbove; " +
        "Types: a type, a sum of types with '+', or all); platforms.tenants.active";

    public static readonly string Documentation =
        "### platforms (the Platforms register)\n\n" +
        "A platform counts where its district or its functional zone lies within the plan's region, once (a platform abroad " +
        "counts in its Tianjin region). `{Types}` is a type, a sum of types written with `+` " +
        "(`platforms.active.Incubator+MakerSpace+StarInnovationStation` counts 孵化载体), or `all` for every type listed below.\n\n" +
        "- `platforms.active.{Types}`: platforms of the types whose status is active today, of every level.\n" +
        "- `platforms.active.{Types}.{Level}`: of those, the platforms of the level: `national`, `municipal`, `district`, or " +
        "`municipalOrAbove` (市级以上: national and municipal).\n" +
        "- Either may end with one filter: `.abroad` (located outside China: 境外研发机构, 境外孵化器), `.enterpriseHosted` (the " +
        "host, 依托单位, is an enterprise) or `.designated.{designation}` (holding a designation of its type, as GET " +
        "/api/v1/platforms/types of the Platforms API lists them: `MakerSpace.designated.specialized` counts 专业化众创空间, " +
        "`KeyLab.municipal.designated.enterprise` 市级企业重点实验室).\n" +
        "- `platforms.accredited.…`, with the same types, levels and filters: platforms approved (认定 or 批准建设) after the " +
        "indicator's baseline year (without a baseline, from the start of the plan's period) and not revoked, whatever their " +
        "status now (新建, 获批); for a running total (`cumulative`) or an `increment` the figure is the baseline plus that count.\n" +
        "- `platforms.tenants.active`: tenants (在孵企业 and start-up teams) of incubators, maker spaces and 星创天地 that have not " +
        "left, counted where their platform lies.\n\n" +
        $"Types: {string.Join(", ", PlatformTypes)}. Fed by PlatformAccredited, PlatformUpdated, PlatformStatusChanged, " +
        "TenantAdmitted and TenantGraduated; rebuilt from GET /api/v1/platforms and each hosting platform's " +
        "GET /api/v1/platforms/{id}/tenants?active=true of the Platforms API.";

    /// <summary>The metric a key names, or null when it is not a key of the platform register.</summary>
    public static RegisterMetric? Parse(string key) => key.Split('.') switch
    {
        ["platforms", "tenants", "active"] => new RegisterMetric(key, PlatformsSource.Name, [new MetricTerm(TenantsActive, MetricWindow.HeldToday)]),
        ["platforms", "active", var types, .. var rest] => Metric(key, types, rest, Active, MetricWindow.HeldToday),
        ["platforms", "accredited", var types, .. var rest] => Metric(key, types, rest, Accredited, MetricWindow.SinceBaseline),
        _ => null,
    };

    /// <summary>Whether a designation has the form the Platforms catalog gives designations (specialized, enterprise …).</summary>
    public static bool IsDesignation(string designation) => DesignationForm().IsMatch(designation);

    private static RegisterMetric? Metric(string key, string types, string[] rest, Func<string, string, string?, string> series, MetricWindow window)
    {
        IReadOnlyList<string> names = types == AllTypes ? PlatformTypes : types.Split('+');
        if (names.Any(n => !PlatformTypes.Contains(n)) || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            return null;
        }

        var levels = rest.Length > 0 ? Levels(rest[0]) : null;
        if (!TryFilter(levels is null ? rest : rest[1..], out var filter))
        {
            return null;
        }

        levels ??= PlatformLevels;
        return new RegisterMetric(key, PlatformsSource.Name,
            [.. names.SelectMany(type => levels.Select(level => new MetricTerm(series(type, level, filter), window)))]);
    }

    /// <summary>The filter the segments after the level name, as series write it (null for none); false when they name none.</summary>
    private static bool TryFilter(string[] segments, out string? filter)
    {
        filter = segments switch
        {
            [Abroad] => Abroad,
            [EnterpriseHosted] => EnterpriseHosted,
            [Designated, var designation] when IsDesignation(designation) => DesignatedFilter(designation),
            _ => null,
        };
        return segments.Length == 0 || filter is not null;
    }

    private static IReadOnlyList<string>? Levels(string level) =>
        level == MunicipalOrAbove ? ["national", "municipal"] : PlatformLevels.Contains(level) ? [level] : null;

    private static string Series(string counted, string type, string level, string? filter) =>
        filter is null ? $"{counted}:{type}:{level}" : $"{counted}:{type}:{level}:{filter}";

    /// <summary>The Platforms catalog's form of a designation; longer ones would not fit a series (100 characters).</summary>
    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,29}$")]
    private static partial Regex DesignationForm();
}
