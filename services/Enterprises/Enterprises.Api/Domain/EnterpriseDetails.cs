namespace Enterprises.Api.Domain;

/// <summary>What the register records of an enterprise besides its credit code, tidied: names trimmed, blanks as null.</summary>
/// <param name="Name">The registered Chinese name.</param>
/// <param name="NameEn">The English name, where known.</param>
/// <param name="RegionCode">The district it is registered in (never 120000, never a functional zone).</param>
/// <param name="ZoneCode">The functional zone (12Znn) it sits in, if any.</param>
/// <param name="Industry">Its industry, as the register words it.</param>
/// <param name="FoundedOn">Its date of establishment (成立日期).</param>
public sealed record EnterpriseDetails(string Name, string? NameEn, string RegionCode, string? ZoneCode, string? Industry, DateOnly FoundedOn)
{
    public static EnterpriseDetails Of(string name, string? nameEn, string regionCode, string? zoneCode, string? industry, DateOnly foundedOn) =>
        new(name.Trim(), Blank(nameEn), regionCode, Blank(zoneCode), Blank(industry), foundedOn);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
