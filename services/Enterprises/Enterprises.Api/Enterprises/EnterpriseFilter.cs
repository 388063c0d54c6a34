using Enterprises.Api.Domain;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using SharedKernel.Regions;

namespace Enterprises.Api.Enterprises;

/// <summary>
/// What decides the statement of the enterprise list's filters (<see cref="EnterpriseQuery.Apply(Data.EnterprisesDbContext, EnterpriseFilter, QueryParameters)"/>):
/// which filters are given and the literals they write; the codes, the industry and the cursor's credit code they
/// compare with are values apart (<see cref="FilterValues"/>), so one compiled query serves every district, say.
/// </summary>
/// <param name="Region">How the region filters, by how many districts and zones it stands for.</param>
/// <param name="Zone">Whether a functional zone filters (zoneCode).</param>
/// <param name="Held">The qualification the enterprises hold today, a literal of the statement.</param>
/// <param name="Industry">Whether an industry filters.</param>
/// <param name="Words">The shape of a name search (<see cref="NameSearch"/>); its words are values apart, as the codes are.</param>
/// <param name="Today">The day "held today" reads, a literal.</param>
/// <param name="AfterDescending">
/// Whether the holders of <paramref name="Held"/> are read after the cursor's credit code (false) or before it (true), on a
/// page by cursor in credit code order; null elsewhere.
/// </param>
/// <param name="Within">The credit codes of the district or zone, first and last, as literals (<see cref="CodeRange"/>).</param>
internal sealed record EnterpriseFilter(RegionShape Region, bool Zone, QualificationType? Held, bool Industry, NameSearch? Words, DateOnly Today,
    bool? AfterDescending, CodeRange? Within)
{
    /// <summary>Whether the list is filtered by nothing but its qualification (EnterpriseQuery.Apply joins its holders then).</summary>
    public bool HoldersAlone => Region == RegionShape.None && !Zone && !Industry && Words is null;

    /// <summary>The shape of the list's filters and the values they read (validated before they get here).</summary>
    /// <param name="after">
    /// The credit code a page by cursor starts after (<see cref="KeysetPosition.UniqueKeyBound"/>), repeated on the qualifications
    /// a filter by qualification reads, so their scan starts there: without it PostgreSQL walked them from the first
    /// to the cursor, and a deep page at 200,000 enterprises took 74 ms. Null where the page has no such bound.
    /// </param>
    public static (EnterpriseFilter Shape, Dictionary<string, object?> Values) Of(ListEnterprises filter, DateOnly today, KeyBound? after,
        CodeRange? within)
    {
        var (region, values) = RegionFilter.Of(EnterpriseQuery.Text(filter.RegionCode));
        var zone = Put(values, FilterValues.Zone, EnterpriseQuery.Text(filter.ZoneCode));
        var industry = Put(values, FilterValues.Industry, EnterpriseQuery.Text(filter.Industry));
        var held = EnumText.ParseOptional<QualificationType>(filter.Qualification, "qualification");
        bool? afterDescending = null;
        if (held is not null && after is { Value: string code })
        {
            values[FilterValues.After] = code;
            afterDescending = after.Descending;
        }

        var words = EnterpriseQuery.Text(filter.Q) is { } q ? NameSearch.Of(q, values) : null;
        return (new EnterpriseFilter(region, zone, held, industry, words, today, afterDescending, within), values);
    }

    private static bool Put(Dictionary<string, object?> values, string name, string? value)
    {
        if (value is null)
        {
            return false;
        }

        values[name] = value;
        return true;
    }
}

/// <summary>How a region filters the rows sited in it (<see cref="EnterpriseQuery.InRegion{T}(IQueryable{T}, RegionShape, QueryParameters)"/>).</summary>
internal enum RegionShape
{
    None,
    District,
    Zone,
    Districts,
    Zones,
    DistrictsAndZones,
}

/// <summary>A region as a filter: its shape, and the codes it reads.</summary>
internal static class RegionFilter
{
    private static readonly int DistrictCount = RegionCodes.All.Count(r => r.Kind == RegionKind.District);

    /// <summary>The shape of a filter by <paramref name="regionCode"/> (none when null or Tianjin) and the district or zone codes it reads.</summary>
    public static (RegionShape Shape, Dictionary<string, object?> Values) Of(string? regionCode)
    {
        var values = new Dictionary<string, object?>();
        if (regionCode is null)
        {
            return (RegionShape.None, values);
        }

        var (districts, zones) = EnterpriseQuery.DistrictsAndZones(regionCode);
        if (districts.Count(IsDistrict) == DistrictCount)
        {
            // Every enterprise is registered in one of the districts (the register refuses any other code), so a region
            // that holds them all, Tianjin itself, filters nothing: its pages are the whole list's, read in order from the
            // list's index, where every district or zone as a condition left no index to read them in order.
            return (RegionShape.None, values);
        }

        switch (districts, zones)
        {
            case ([var district], []):
                values[FilterValues.District] = district;
                return (RegionShape.District, values);
            case ([], [var zone]):
                values[FilterValues.RegionZone] = zone;
                return (RegionShape.Zone, values);
            case (_, []):
                values[FilterValues.Districts] = districts;
                return (RegionShape.Districts, values);
            case ([], _):
                values[FilterValues.Zones] = zones;
                return (RegionShape.Zones, values);
            default:
                values[FilterValues.Districts] = districts;
                values[FilterValues.Zones] = zones;
                return (RegionShape.DistrictsAndZones, values);
        }
    }

    private static bool IsDistrict(string code) => RegionCodes.Find(code)?.Kind == RegionKind.District;
}

/// <summary>The names of the values the enterprise list's filters read.</summary>
internal static class FilterValues
{
    public const string District = "district";
    public const string RegionZone = "regionZone";
    public const string Districts = "districts";
    public const string Zones = "zones";
    public const string Zone = "zoneCode";
    public const string Industry = "industry";
    public const string After = "afterCreditCode";
}
