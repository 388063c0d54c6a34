namespace SharedKernel.Regions;

public enum RegionKind
{
    Municipality,
    District,
    FunctionalZone,
}

/// <summary>A region code with its names and its parent.</summary>
public sealed record RegionCode(string Code, string Name, string NameEn, RegionKind Kind, string? ParentCode);

/// <summary>
/// The region codes every service shares: Tianjin (120000), its 16 districts by current GB/T 2260
/// code, and its national-level functional zones. Zones carry codes of the form 12Znn: they are not
/// administrative divisions, and a municipal total never counts them twice.
/// </summary>
public static class RegionCodes
{
    public const string Tianjin = "120000";

    public static IReadOnlyList<RegionCode> All { get; } =
    [
        new(Tianjin, "天津市", "Tianjin Municipality", RegionKind.Municipality, null),
        new("120101", "和平区", "Heping District", RegionKind.District, Tianjin),
        new("120102", "河东区", "Hedong District", RegionKind.District, Tianjin),
        new("120103", "河西区", "Hexi District", RegionKind.District, Tianjin),
        new("120104", "南开区", "Nankai District", RegionKind.District, Tianjin),
        new("120105", "河北区", "Hebei District", RegionKind.District, Tianjin),
        new("120106", "红桥区", "Hongqiao District", RegionKind.District, Tianjin),
        new("120110", "东丽区", "Dongli District", RegionKind.District, Tianjin),
        new("120111", "西青区", "Xiqing District", RegionKind.District, Tianjin),
        new("120112", "津南区", "Jinnan District", RegionKind.District, Tianjin),
        new("120113", "北辰区", "Beichen District", RegionKind.District, Tianjin),
        new("120114", "武清区", "Wuqing District", RegionKind.District, Tianjin),
        new("120115", "宝坻区", "Baodi District", RegionKind.District, Tianjin),
        new("120116", "滨海新区", "Binhai New Area", RegionKind.District, Tianjin),
        new("120117", "宁河区", "Ninghe District", RegionKind.District, Tianjin),
        new("120118", "静海区", "Jinghai District", RegionKind.District, Tianjin),
        new("120119", "蓟州区", "Jizhou District", RegionKind.District, Tianjin),
        new("12Z01", "天津滨海高新技术产业开发区", "Tianjin Binhai High-tech Industrial Development Zone", RegionKind.FunctionalZone, Tianjin),
        new("12Z02", "天津经济技术开发区", "Tianjin Economic-Technological Development Area", RegionKind.FunctionalZone, Tianjin),
        new("12Z03", "天津港保税区", "Tianjin Port Free Trade Zone", RegionKind.FunctionalZone, Tianjin),
        new("12Z04", "中新天津生态城", "Sino-Singapore Tianjin Eco-City", RegionKind.FunctionalZone, Tianjin),
        new("12Z05", "天津东疆综合保税区", "Tianjin Dongjiang Comprehensive Bonded Zone", RegionKind.FunctionalZone, Tianjin),
    ];

    private static readonly IReadOnlyDictionary<string, RegionCode> ByCode = All.ToDictionary(r => r.Code);

    public static RegionCode? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool Contains(string ancestor, string code)
    {
        return AndAbove(code).Contains(ancestor);
    }

    /// <summary>The region and every region above it, nearest first (静海 120118, then Tianjin 120000).</summary>
    public static IEnumerable<string> AndAbove(string code)
    {
        for (var current = code; current is not null; current = ByCode.GetValueOrDefault(current)?.ParentCode)
        {
            yield return current;
        }
    }

    /// <summary>The region and every region below it.</summary>
    public static IReadOnlyList<string> Within(string ancestor) => All.Where(r => Contains(ancestor, r.Code)).Select(r => r.Code).ToList();
}
