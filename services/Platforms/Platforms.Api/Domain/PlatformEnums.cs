namespace Platforms.Api.Domain;

/// <summary>Who accredited the platform: the Ministry (国家级), the municipality (市级) or a district (区级).</summary>
public enum PlatformLevel
{
    National,
    Municipal,
    District,
}

/// <summary>
/// The lifecycle: underConstruction (批准建设) → active (认定, or 验收 of one under construction) →
/// suspended (暂停, e.g. while it rectifies) ↔ active → revoked (撤销). Revoked is final.
/// </summary>
public enum PlatformStatus
{
    UnderConstruction,
    Active,
    Suspended,
    Revoked,
}

/// <summary>What hosts the platform (依托单位): an enterprise on the register, or a named university, institute or hospital.</summary>
public enum HostKind
{
    Enterprise,
    University,
    Institute,
    Hospital,
}

/// <summary>An evaluation's result on the scale every grading scheme maps to.</summary>
public enum Rating
{
    /// <summary>优秀 (A).</summary>
    Excellent,
    /// <summary>良好 (B).</summary>
    Good,
    /// <summary>合格 (C; a score of 60 to under 65: 基本合格).</summary>
    Pass,
    /// <summary>不合格 (D): opens a rectification, or as a second failure proposes revocation.</summary>
    Fail,
}
