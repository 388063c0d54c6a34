using Enterprises.Api.Domain;
using Enterprises.Api.Platforms;

namespace Enterprises.Api.Enterprises;

/// <summary>The fields of an enterprise a caller sets; the body of PATCH (as a merge patch) and, with <c>creditCode</c>, of POST.</summary>
public record EnterpriseFields
{
    /// <summary>The registered Chinese name, e.g. 天津市某某科技有限公司.</summary>
    public string? Name { get; init; }
    /// <summary>English name, where known.</summary>
    public string? NameEn { get; init; }
    /// <summary>The district it is registered in: a district code from GET /api/v1/regions (not 120000, not a zone).</summary>
    public string? RegionCode { get; init; }
    /// <summary>The functional zone it sits in (12Z01–12Z05), if any.</summary>
    public string? ZoneCode { get; init; }
    /// <summary>Industry, as the register words it (e.g. 新一代信息技术).</summary>
    public string? Industry { get; init; }
    /// <summary>Date of establishment (成立日期).</summary>
    public DateOnly? FoundedOn { get; init; }

    public static EnterpriseFields From(EnterpriseDetails d) => new()
    {
        Name = d.Name, NameEn = d.NameEn, RegionCode = d.RegionCode, ZoneCode = d.ZoneCode, Industry = d.Industry, FoundedOn = d.FoundedOn,
    };

    /// <summary>The details these (validated) fields set.</summary>
    public EnterpriseDetails ToDetails() => EnterpriseDetails.Of(Name!, NameEn, RegionCode!, ZoneCode, Industry, FoundedOn!.Value);
}

/// <summary>A new enterprise on the register.</summary>
public sealed record CreateEnterpriseRequest : EnterpriseFields
{
    /// <summary>The 18-character Unified Social Credit Code; lower-case letters are taken as upper-case.</summary>
    public string? CreditCode { get; init; }
}

/// <summary>A qualification the enterprise holds today.</summary>
/// <param name="Id">The qualification's id (GET .../qualifications/{id}).</param>
/// <param name="Type">TechSme, HighTech, Eagle, Gazelle, Leader or LeaderCultivation.</param>
/// <param name="GrantedOn">The day it was granted.</param>
/// <param name="ExpiresOn">The last day it holds.</param>
public sealed record QualificationSummary(long Id, QualificationType Type, DateOnly GrantedOn, DateOnly ExpiresOn)
{
    public static QualificationSummary From(Qualification q) => new(q.Id, q.Type, q.GrantedOn, q.ExpiresOn);
}

/// <summary>A designation the enterprise holds today.</summary>
/// <param name="Id">The designation's id (GET .../designations/{id}).</param>
/// <param name="Kind">Listed, ListingReserve, Unicorn or PotentialUnicorn.</param>
/// <param name="Board">The board, for Listed.</param>
/// <param name="Since">The first day it held.</param>
public sealed record DesignationSummary(long Id, DesignationKind Kind, ListingBoard? Board, DateOnly Since)
{
    public static DesignationSummary From(Designation d) => new(d.Id, d.Kind, d.Board, d.Since);
}

/// <summary>An enterprise.</summary>
/// <param name="Qualifications">The qualifications it holds today (valid and within their term).</param>
/// <param name="Designations">The designations it holds today (listed, on the listing reserve list, unicorn, potential unicorn).</param>
public sealed record EnterpriseResponse(
    string CreditCode,
    string Name,
    string? NameEn,
    string RegionCode,
    string? ZoneCode,
    string? Industry,
    DateOnly FoundedOn,
    IReadOnlyList<QualificationSummary> Qualifications,
    IReadOnlyList<DesignationSummary> Designations,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The platforms it hosts now (from the Platforms service's events): on GET of one enterprise; null in lists and write answers.</summary>
    public IReadOnlyList<HostedPlatformSummary>? Platforms { get; init; }

    public static EnterpriseResponse From(Enterprise e) =>
        From(e, e.Qualifications.Select(QualificationSummary.From), e.Designations.Select(DesignationSummary.From));

    /// <summary>
    /// The enterprise with the summaries of what it holds today, in the order the answer gives them: qualifications by type
    /// and grant, designations by kind, each then by id. Sorted as arrays: sorted with LINQ's ordered enumerables, they were
    /// about a sixteenth of the memory a request for a list of ten allocated.
    /// </summary>
    public static EnterpriseResponse From(Enterprise e, IEnumerable<QualificationSummary> qualifications, IEnumerable<DesignationSummary> designations) =>
        new(e.CreditCode, e.Name, e.NameEn, e.RegionCode, e.ZoneCode, e.Industry, e.FoundedOn,
            Sorted(qualifications, QualificationOrder), Sorted(designations, DesignationOrder), e.CreatedAt, e.UpdatedAt);

    private static readonly Comparison<QualificationSummary> QualificationOrder = (a, b) =>
        a.Type != b.Type ? Comparer<QualificationType>.Default.Compare(a.Type, b.Type)
        : a.GrantedOn != b.GrantedOn ? a.GrantedOn.CompareTo(b.GrantedOn)
        : a.Id.CompareTo(b.Id);

    private static readonly Comparison<DesignationSummary> DesignationOrder = (a, b) =>
        a.Kind != b.Kind ? Comparer<DesignationKind>.Default.Compare(a.Kind, b.Kind) : a.Id.CompareTo(b.Id);

    private static T[] Sorted<T>(IEnumerable<T> items, Comparison<T> order)
    {
        var sorted = items.ToArray();
        Array.Sort(sorted, order);
        return sorted;
    }
}

/// <summary>An enterprise of a list with the summaries of the qualifications and designations it holds today.</summary>
public sealed record EnterpriseRow(Enterprise Enterprise, List<QualificationSummary> Qualifications, List<DesignationSummary> Designations)
{
    public EnterpriseResponse ToResponse() => EnterpriseResponse.From(Enterprise, Qualifications, Designations);
}

/// <summary>An enterprise as a command or query left it, with the version its ETag carries.</summary>
/// <param name="Enterprise">The enterprise.</param>
/// <param name="Version">Its version (the ETag).</param>
/// <param name="Changed">Whether the command changed the register (false for a read, and for an update that matched what is held).</param>
public sealed record EnterpriseResult(EnterpriseResponse Enterprise, long Version, bool Changed)
{
    public static EnterpriseResult Of(Enterprise e, bool changed) => new(EnterpriseResponse.From(e), e.Version, changed);
}

/// <summary>A row of <see cref="EnterpriseQuery.AsListed"/>: an enterprise with one qualification and one designation it holds today, either absent.</summary>
public sealed record ListedRow(Enterprise Enterprise, QualificationSummary? Qualification, DesignationSummary? Designation);
