using System.Text.RegularExpressions;

namespace Plans.Api.Domain;

/// <summary>
/// The register metrics an indicator may be bound to (API.md): counts that the Enterprises,
/// Platforms and Talent registers keep per region.
/// </summary>
public static partial class MetricKey
{
    public static readonly IReadOnlyList<string> QualificationTypes = ["TechSme", "HighTech", "Eagle", "Gazelle", "Leader", "LeaderCultivation"];

    public static readonly IReadOnlyList<string> PlatformTypes =
    [
        "KeyLab", "EngineeringCenter", "TechInnovationCenter", "NewRndInstitution", "Incubator", "MakerSpace",
        "UniversitySciencePark", "HaiheLab", "IndustryTechInstitute", "Alliance",
    ];

    public static readonly IReadOnlyList<string> PlatformLevels = ["national", "municipal", "district"];

    public const string Documentation =
        "enterprises.qualified.{Type} and enterprises.granted.{Type} (Type: TechSme, HighTech, Eagle, Gazelle, Leader, LeaderCultivation); " +
        "platforms.active.{Type} and platforms.active.{Type}.{level}; platforms.tenants.active; talent.recognized.{Programme}";

    public static bool IsValid(string key)
    {
        var parts = key.Split('.');
        return parts switch
        {
            ["enterprises", "qualified" or "granted", var type] => QualificationTypes.Contains(type),
            ["platforms", "active", var type] => PlatformTypes.Contains(type),
            ["platforms", "active", var type, var level] => PlatformTypes.Contains(type) && PlatformLevels.Contains(level),
            ["platforms", "tenants", "active"] => true,
            ["talent", "recognized", var programme] => ProgrammeName().IsMatch(programme),
            _ => false,
        };
    }

    [GeneratedRegex(@"^[\p{L}\p{N}_-]{1,60}$")]
    private static partial Regex ProgrammeName();
}
