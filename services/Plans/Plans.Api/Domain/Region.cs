using SharedKernel.Regions;

namespace Plans.Api.Domain;

/// <summary>
/// A node of the region tree: the municipality, its districts (GB/T 2260 codes) and functional
/// zones, which are a branch of their own under the municipality rather than administrative divisions.
/// </summary>
public sealed class Region
{
    public Region(string code, string name, string nameEn, RegionKind kind, string? parentCode)
    {
        Code = code;
        Name = name;
        NameEn = nameEn;
        Kind = kind;
        ParentCode = parentCode;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public string NameEn { get; private set; }
    public RegionKind Kind { get; private set; }
    public string? ParentCode { get; private set; }

    /// <summary>The plan level that belongs to a region of this kind.</summary>
    public PlanLevel PlanLevel => Kind switch
    {
        RegionKind.Municipality => PlanLevel.Municipal,
        RegionKind.District => PlanLevel.District,
        _ => PlanLevel.FunctionalZone,
    };
}
