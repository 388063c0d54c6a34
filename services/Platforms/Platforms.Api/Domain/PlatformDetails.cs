namespace Platforms.Api.Domain;

/// <summary>Who hosts a platform (依托单位).</summary>
/// <param name="Kind">An enterprise of the register, or a university, institute or hospital named as such.</param>
/// <param name="CreditCode">The enterprise's credit code (Kind enterprise only).</param>
/// <param name="Name">The university's, institute's or hospital's name (null for an enterprise: the register names it).</param>
public sealed record PlatformHost(HostKind Kind, string? CreditCode, string? Name)
{
    public static PlatformHost Enterprise(string creditCode) => new(HostKind.Enterprise, creditCode, null);

    public static PlatformHost Named(HostKind kind, string name) => new(kind, null, name.Trim());
}

/// <summary>Where a platform abroad is (境外研发机构, 境外孵化器): an ISO 3166 country other than CN, and a city.</summary>
public sealed record AbroadLocation(string Country, string? City);

/// <summary>What the register records of a platform besides its type and status, tidied: names trimmed, blanks as null, designations sorted.</summary>
/// <param name="RegionCode">The district it belongs to (for a platform abroad, the district of the Tianjin body that runs it).</param>
/// <param name="ZoneCode">The functional zone (12Znn) it sits in, if any.</param>
public sealed record PlatformDetails(string Name, string? NameEn, PlatformLevel Level, IReadOnlyList<string> Designations, string RegionCode,
    string? ZoneCode, AbroadLocation? Abroad, PlatformHost Host, string? Field, DateOnly ApprovedOn, string? DocumentNumber)
{
    public static PlatformDetails Of(string name, string? nameEn, PlatformLevel level, IEnumerable<string>? designations, string regionCode,
        string? zoneCode, AbroadLocation? abroad, PlatformHost host, string? field, DateOnly approvedOn, string? documentNumber) =>
        new(name.Trim(), Blank(nameEn), level, (designations ?? []).Select(d => d.Trim()).Distinct().Order(StringComparer.Ordinal).ToList(),
            regionCode.Trim(), Blank(zoneCode), abroad is null ? null : new AbroadLocation(abroad.Country.Trim().ToUpperInvariant(), Blank(abroad.City)),
            host, Blank(field), approvedOn, Blank(documentNumber));

    /// <summary>Value equality, designations compared by content.</summary>
    public bool SameAs(PlatformDetails other) =>
        this with { Designations = [] } == other with { Designations = [] } && Designations.SequenceEqual(other.Designations);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
