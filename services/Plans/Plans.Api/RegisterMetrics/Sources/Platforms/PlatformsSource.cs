namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>
/// The Platforms register (innovation platforms by type and level, incubator tenants). Not connected
/// yet: its keys are known, so plans bind to them (progress says registerNotConnected), and the
/// Platforms service's events and API will feed a copy here as they do for enterprises.
/// </summary>
public sealed class PlatformsSource : IRegisterSource
{
    public static readonly IReadOnlyList<string> PlatformTypes =
    [
        "KeyLab", "EngineeringCenter", "TechInnovationCenter", "NewRndInstitution", "Incubator", "MakerSpace",
        "UniversitySciencePark", "HaiheLab", "IndustryTechInstitute", "Alliance",
    ];

    public static readonly IReadOnlyList<string> PlatformLevels = ["national", "municipal", "district"];

    public string Register => "platforms";

    public string Title => "platform register";

    public string KeySummary => "platforms.active.{Type} and platforms.active.{Type}.{level}; platforms.tenants.active";

    public string KeyDocumentation =>
        "### platforms (the Platforms register, not connected yet)\n\n" +
        "- `platforms.active.{Type}` and `platforms.active.{Type}.{level}`: active platforms of the type (and level: national, " +
        $"municipal, district). Types: {string.Join(", ", PlatformTypes)}.\n" +
        "- `platforms.tenants.active`: tenants of incubators and maker spaces.";

    public IRegisterCopy? Copy => null;

    public RegisterMetric? Parse(string key) => key.Split('.') switch
    {
        ["platforms", "active", var type] when PlatformTypes.Contains(type) => Metric(key),
        ["platforms", "active", var type, var level] when PlatformTypes.Contains(type) && PlatformLevels.Contains(level) => Metric(key),
        ["platforms", "tenants", "active"] => Metric(key),
        _ => null,
    };

    private RegisterMetric Metric(string key) => new(key, Register, []);
}
