using Enterprises.Api.Domain;

namespace Enterprises.Api.Designations;

/// <summary>A designation to add (the body of POST .../designations).</summary>
public record AddDesignationRequest
{
    /// <summary>Listed (上市), ListingReserve (上市后备), Unicorn (独角兽) or PotentialUnicorn (潜在独角兽).</summary>
    public DesignationKind? Kind { get; init; }
    /// <summary>
    /// Required for Listed, refused for the other kinds: sseMain (上交所主板), szseMain (深交所主板), star (科创板),
    /// chinext (创业板), bse (北交所), hkex (港交所) or overseas (境外).
    /// </summary>
    public ListingBoard? Board { get; init; }
    /// <summary>The first day it holds (the listing day, the list's date); not in the future, not before the enterprise was founded.</summary>
    public DateOnly? Since { get; init; }
    /// <summary>Free text.</summary>
    public string? Notes { get; init; }
    /// <summary>Where it is published: the list or notice (文号), the exchange's announcement.</summary>
    public string? DocumentReference { get; init; }
}

/// <summary>The body of POST .../designations/{id}/end.</summary>
public record EndDesignationRequest
{
    /// <summary>The first day it no longer holds (delisted, left the list); today when absent. Not before since, not in the future.</summary>
    public DateOnly? EndedOn { get; init; }
    /// <summary>Why it ended (退市, 出库, the decision's wording).</summary>
    public string? Reason { get; init; }
}

/// <summary>The body of POST .../designations/{id}/withdraw.</summary>
public record WithdrawDesignationRequest
{
    /// <summary>Why it is withdrawn: what was recorded in error.</summary>
    public string? Reason { get; init; }
}

/// <summary>A designation of an enterprise.</summary>
/// <param name="Board">The board's code, for Listed; null for the other kinds.</param>
/// <param name="Since">The first day it held.</param>
/// <param name="EndedOn">The first day it no longer held; null while it holds (and for a designation withdrawn while it held).</param>
/// <param name="Status">current, ended or withdrawn.</param>
/// <param name="Withdrawn">Recorded in error: it never held and counts nowhere.</param>
/// <param name="WithdrawnOn">The day it was withdrawn.</param>
public sealed record DesignationResponse(
    long Id,
    string CreditCode,
    DesignationKind Kind,
    ListingBoard? Board,
    DateOnly Since,
    DateOnly? EndedOn,
    string? EndReason,
    DesignationStatus Status,
    bool Withdrawn,
    DateOnly? WithdrawnOn,
    string? WithdrawalReason,
    string? Notes,
    string? DocumentReference,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static DesignationResponse From(Designation d) => new(d.Id, d.CreditCode, d.Kind, d.Board, d.Since, d.EndedOn, d.EndReason,
        d.Status, d.Withdrawn, d.WithdrawnOn, d.WithdrawalReason, d.Notes, d.DocumentReference, d.CreatedAt, d.UpdatedAt);
}

/// <summary>A designation as a command or query left it, with the version its ETag carries.</summary>
public sealed record DesignationResult(DesignationResponse Designation, long Version)
{
    public static DesignationResult Of(Designation d) => new(DesignationResponse.From(d), d.Version);
}

/// <summary>A designation in the register-wide list, with where its enterprise is (for metrics per region).</summary>
/// <param name="EndedOn">The first day it no longer held; null while it holds.</param>
/// <param name="Withdrawn">Recorded in error: count it nowhere.</param>
public sealed record DesignationRecord(
    long Id,
    string CreditCode,
    string RegionCode,
    string? ZoneCode,
    DesignationKind Kind,
    ListingBoard? Board,
    DateOnly Since,
    DateOnly? EndedOn,
    bool Withdrawn)
{
    public static DesignationRecord From(Designation d, string regionCode, string? zoneCode) =>
        new(d.Id, d.CreditCode, regionCode, zoneCode, d.Kind, d.Board, d.Since, d.EndedOn, d.Withdrawn);
}
