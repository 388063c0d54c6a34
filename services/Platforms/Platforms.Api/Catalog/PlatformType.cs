using Platforms.Api.Domain;

namespace Platforms.Api.Catalog;

/// <summary>A kind of innovation platform, as the plans and the accreditation documents name it.</summary>
/// <param name="Key">The type's key on the wire and in metrics (<c>platforms.active.{Key}</c>), e.g. Incubator.</param>
/// <param name="Name">The Chinese name, e.g. 科技企业孵化器.</param>
/// <param name="NameEn">The English name.</param>
/// <param name="Levels">The levels at which the type is accredited.</param>
/// <param name="Grading">How its yearly evaluation is graded.</param>
/// <param name="TakesTenants">Whether it admits tenants (在孵企业 and start-up teams).</param>
/// <param name="Designations">Designations a platform of the type may hold besides its level (专业化 → specialized).</param>
/// <param name="RectificationMonths">How long a platform that failed its evaluation has to rectify (整改期).</param>
public sealed record PlatformType(string Key, string Name, string NameEn, IReadOnlyList<PlatformLevel> Levels, GradingScheme Grading,
    bool TakesTenants, IReadOnlyList<string> Designations, int RectificationMonths)
{
    /// <summary>Designations only a platform hosted by an enterprise holds (企业重点实验室: the KeyLab designation enterprise).</summary>
    public IReadOnlyList<string> EnterpriseHostDesignations { get; init; } = [];

    public bool Has(PlatformLevel level) => Levels.Contains(level);
}

/// <summary>The types the plans and documents count; configuration adds more (<see cref="PlatformTypeOptions"/>).</summary>
public static class BuiltInTypes
{
    private static readonly PlatformLevel[] NationalMunicipal = [PlatformLevel.National, PlatformLevel.Municipal];
    private static readonly PlatformLevel[] AllLevels = [PlatformLevel.National, PlatformLevel.Municipal, PlatformLevel.District];
    private static readonly PlatformLevel[] MunicipalDistrict = [PlatformLevel.Municipal, PlatformLevel.District];

    public static IReadOnlyList<PlatformType> All { get; } =
    [
        // 企业重点实验室 are municipal key labs built by enterprises (依托企业建设): a designation, so that plans can count them
        // apart, held only with an enterprise host.
        new("KeyLab", "重点实验室", "Key laboratory", NationalMunicipal, GradingScheme.Ratings, false, ["enterprise"], 12)
        {
            EnterpriseHostDesignations = ["enterprise"],
        },
        new("EngineeringCenter", "工程技术研究中心", "Engineering technology research centre", NationalMunicipal, GradingScheme.Ratings, false, [], 12),
        // 企业技术中心 evaluations are scored (评价得分), graded by band.
        new("EnterpriseTechCenter", "企业技术中心", "Enterprise technology centre", AllLevels, GradingScheme.Score, false, [], 12),
        new("TechInnovationCenter", "技术创新中心", "Technology innovation centre", NationalMunicipal, GradingScheme.Ratings, false, [], 12),
        new("NewRndInstitution", "新型研发机构", "New R&D institution", MunicipalDistrict, GradingScheme.Ratings, false, [], 12),
        new("HaiheLab", "海河实验室", "Haihe laboratory", [PlatformLevel.Municipal], GradingScheme.Ratings, false, [], 12),
        new("IndustryTechInstitute", "产业技术研究院", "Industrial technology research institute", [PlatformLevel.Municipal],
            GradingScheme.Ratings, false, [], 12),
        new("Incubator", "科技企业孵化器", "Technology business incubator", AllLevels, GradingScheme.Letters, true, [], 12),
        // A national maker space is one filed with the Ministry (科技部备案众创空间); 专业化众创空间 is a designation.
        new("MakerSpace", "众创空间", "Maker space", AllLevels, GradingScheme.Letters, true, ["specialized"], 12),
        new("StarInnovationStation", "星创天地", "Star innovation station (rural maker space)", NationalMunicipal, GradingScheme.Ratings, true, [], 12),
        new("UniversitySciencePark", "大学科技园", "University science park", NationalMunicipal, GradingScheme.Ratings, false, [], 12),
        // 农业科技园区; a 示范园区 (demonstration park) is a designation.
        new("AgriculturalSciencePark", "农业科技园区", "Agricultural science and technology park", AllLevels, GradingScheme.Ratings, false,
            ["demonstration"], 12),
        new("ConceptVerificationCenter", "概念验证中心", "Concept verification centre", MunicipalDistrict, GradingScheme.Ratings, false, [], 12),
        new("PilotBase", "中试基地", "Pilot-scale base", MunicipalDistrict, GradingScheme.Ratings, false, [], 12),
        new("AcademicianWorkstation", "院士工作站", "Academician workstation", MunicipalDistrict, GradingScheme.Ratings, false, [], 12),
        new("Alliance", "产业技术创新战略联盟", "Industry technology innovation alliance", NationalMunicipal, GradingScheme.Ratings, false, [], 12),
    ];
}
