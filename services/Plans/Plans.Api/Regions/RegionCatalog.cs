using Plans.Api.Domain;
using SharedKernel.Regions;

namespace Plans.Api.Regions;

/// <summary>The region tree as the system starts with it: the shared <see cref="RegionCodes"/> as entities.</summary>
public static class RegionCatalog
{
    public const string Tianjin = RegionCodes.Tianjin;

    public static IReadOnlyList<Region> All { get; } =
        RegionCodes.All.Select(r => new Region(r.Code, r.Name, r.NameEn, r.Kind, r.ParentCode)).ToList();

    private static readonly IReadOnlyDictionary<string, Region> ByCode = All.ToDictionary(r => r.Code);

    public static Region? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);

    /// <inheritdoc cref="RegionCodes.Contains"/>
    public static bool Contains(string ancestor, string code) => RegionCodes.Contains(ancestor, code);

    /// <inheritdoc cref="RegionCodes.Within"/>
    public static IReadOnlyList<string> Within(string ancestor) => RegionCodes.Within(ancestor);
}
