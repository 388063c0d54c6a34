using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Platforms.Api.Catalog;
using Platforms.Api.Domain;

namespace Platforms.Api.Platforms;

/// <summary>Where a platform abroad is.</summary>
public sealed record LocationAbroad
{
    /// <summary>ISO 3166-1 alpha-2 code of the country (DE, SG …), not CN.</summary>
    public string? Country { get; init; }
    /// <summary>The city, e.g. München.</summary>
    public string? City { get; init; }
}

/// <summary>The fields of a platform a caller sets; the body of PATCH (as a merge patch) and, with type and status, of POST.</summary>
public record PlatformFields
{
    /// <summary>The most designations a platform holds (and a type offers) besides its level.</summary>
    public const int MaxDesignations = 10;

    /// <summary>The accredited Chinese name, e.g. 天津市某某重点实验室.</summary>
    public string? Name { get; init; }
    /// <summary>English name, where known.</summary>
    public string? NameEn { get; init; }
    /// <summary>national, municipal or district: one of the levels of the type (GET /api/v1/platforms/types).</summary>
    public PlatformLevel? Level { get; init; }
    /// <summary>Designations of the type the platform holds besides its level, e.g. ["specialized"] for a 专业化众创空间.</summary>
    [MaxLength(MaxDesignations)]
    public IReadOnlyList<string>? Designations { get; init; }
    /// <summary>The district it belongs to (not 120000, not a zone); for a platform abroad, the district of the Tianjin body that runs it.</summary>
    public string? RegionCode { get; init; }
    /// <summary>The functional zone (12Z01–12Z05) it belongs to, if any.</summary>
    public string? ZoneCode { get; init; }
    /// <summary>Only for a platform located outside China (境外研发机构, 境外孵化器).</summary>
    public LocationAbroad? LocationAbroad { get; init; }
    /// <summary>The host enterprise's 18-character credit code (on the enterprise register); or give hostName and hostKind.</summary>
    public string? HostCreditCode { get; init; }
    /// <summary>The host university, institute or hospital (依托单位), with hostKind; not for an enterprise host.</summary>
    public string? HostName { get; init; }
    /// <summary>enterprise (implied by hostCreditCode), university, institute or hospital.</summary>
    public HostKind? HostKind { get; init; }
    /// <summary>The field (领域), e.g. 新材料.</summary>
    public string? Field { get; init; }
    /// <summary>The day of the approval (认定 or 批准建设); not in the future.</summary>
    public DateOnly? ApprovedOn { get; init; }
    /// <summary>The approval's document number (文号), e.g. 津科规〔2024〕3号.</summary>
    public string? DocumentNumber { get; init; }

    public static PlatformFields From(PlatformDetails d) => new()
    {
        Name = d.Name, NameEn = d.NameEn, Level = d.Level, Designations = d.Designations, RegionCode = d.RegionCode, ZoneCode = d.ZoneCode,
        LocationAbroad = d.Abroad is null ? null : new LocationAbroad { Country = d.Abroad.Country, City = d.Abroad.City },
        HostCreditCode = d.Host.CreditCode, HostName = d.Host.Name, HostKind = d.Host.Kind == Domain.HostKind.Enterprise ? null : d.Host.Kind,
        Field = d.Field, ApprovedOn = d.ApprovedOn, DocumentNumber = d.DocumentNumber,
    };

    /// <summary>Credit codes are stored upper-case; a caller may type them in lower case. Read from the body, never part of it.</summary>
    [JsonIgnore]
    public string? NormalizedHostCreditCode => string.IsNullOrWhiteSpace(HostCreditCode) ? null : HostCreditCode.Trim().ToUpperInvariant();

    /// <summary>The details these (validated) fields set.</summary>
    public PlatformDetails ToDetails() => PlatformDetails.Of(Name!, NameEn, Level!.Value, Designations, RegionCode!, ZoneCode,
        LocationAbroad is { Country: { } country } ? new AbroadLocation(country, LocationAbroad.City) : null,
        NormalizedHostCreditCode is { } code ? PlatformHost.Enterprise(code) : PlatformHost.Named(HostKind!.Value, HostName!),
        Field, ApprovedOn!.Value, DocumentNumber);
}

/// <summary>A platform to accredit.</summary>
public sealed record CreatePlatformRequest : PlatformFields
{
    /// <summary>A key of GET /api/v1/platforms/types: KeyLab, Incubator, MakerSpace, UniversitySciencePark …</summary>
    public string? Type { get; init; }
    /// <summary>active (default: accredited, 认定) or underConstruction (approved to be built, 批准建设).</summary>
    public PlatformStatus? Status { get; init; }
}

/// <summary>A platform.</summary>
/// <param name="Id">The platform's id.</param>
/// <param name="Type">Its type's key.</param>
/// <param name="TypeName">Its type's Chinese name.</param>
/// <param name="HostName">The host's name (for an enterprise, as the enterprise register names it).</param>
/// <param name="StatusSince">The day the current status took effect.</param>
/// <param name="ActiveTenants">Tenants it has now (types that take tenants; null for the others).</param>
public sealed record PlatformResponse(
    Guid Id,
    string Name,
    string? NameEn,
    string Type,
    [property: MaxLength(PlatformTypeOptions.MaxNameLength)] string TypeName,
    PlatformLevel Level,
    IReadOnlyList<string> Designations,
    string RegionCode,
    string? ZoneCode,
    LocationAbroad? LocationAbroad,
    HostKind HostKind,
    string? HostCreditCode,
    string? HostName,
    string? Field,
    DateOnly ApprovedOn,
    string? DocumentNumber,
    PlatformStatus Status,
    DateOnly StatusSince,
    int? ActiveTenants,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A platform as a command or query left it, with the version its ETag carries.</summary>
/// <param name="Changed">Whether the command changed the register (false for a read, and for an update that matched what is held).</param>
public sealed record PlatformResult(PlatformResponse Platform, long Version, bool Changed);
