using Enterprises.Api.Domain;

namespace Enterprises.Api.Qualifications;

/// <summary>A qualification to grant (the body of POST .../qualifications).</summary>
public record GrantQualificationRequest
{
    /// <summary>TechSme, HighTech, Eagle, Gazelle, Leader or LeaderCultivation.</summary>
    public QualificationType? Type { get; init; }
    /// <summary>证书编号, where the decision gives one.</summary>
    public string? CertificateNumber { get; init; }
    /// <summary>The day of the decision; not in the future, not before the enterprise was founded.</summary>
    public DateOnly? GrantedOn { get; init; }
    /// <summary>
    /// The last day it holds. Optional for HighTech (then grantedOn + 3 years − 1 day) and TechSme (then 31 December
    /// of the grant year); required for Eagle, Gazelle, Leader and LeaderCultivation. Must be after grantedOn.
    /// </summary>
    public DateOnly? ExpiresOn { get; init; }
}

/// <summary>The body of POST .../qualifications/{id}/revoke.</summary>
public record RevokeQualificationRequest
{
    /// <summary>Why it was revoked (the decision's wording).</summary>
    public string? Reason { get; init; }
    /// <summary>The day the revocation takes effect; today when absent. Within the qualification's term, not in the future.</summary>
    public DateOnly? RevokedOn { get; init; }
}

/// <summary>A qualification of an enterprise.</summary>
/// <param name="ExpiredOn">The first day it no longer held, once the expiry pass has marked it expired.</param>
public sealed record QualificationResponse(
    long Id,
    string CreditCode,
    QualificationType Type,
    string? CertificateNumber,
    DateOnly GrantedOn,
    DateOnly ExpiresOn,
    QualificationStatus Status,
    DateOnly? RevokedOn,
    string? RevocationReason,
    DateOnly? ExpiredOn)
{
    public static QualificationResponse From(Qualification q) => new(q.Id, q.CreditCode, q.Type, q.CertificateNumber, q.GrantedOn,
        q.ExpiresOn, q.Status, q.RevokedOn, q.RevocationReason, q.ExpiredOn);
}

/// <summary>A qualification in the register-wide list, with where its enterprise is (for metrics per region) and its latest revenue.</summary>
/// <param name="HolderRevenueWan">营业收入 of the enterprise's latest annual report, in 万元; null when it has filed none.</param>
/// <param name="HolderRevenueYear">The year of that report.</param>
public sealed record QualificationRecord(
    long Id,
    string CreditCode,
    string RegionCode,
    string? ZoneCode,
    QualificationType Type,
    string? CertificateNumber,
    DateOnly GrantedOn,
    DateOnly ExpiresOn,
    QualificationStatus Status,
    DateOnly? RevokedOn,
    string? RevocationReason,
    DateOnly? ExpiredOn,
    decimal? HolderRevenueWan,
    int? HolderRevenueYear)
{
    public static QualificationRecord From(Qualification q, QualificationHolder holder) => new(q.Id, q.CreditCode, holder.RegionCode,
        holder.ZoneCode, q.Type, q.CertificateNumber, q.GrantedOn, q.ExpiresOn, q.Status, q.RevokedOn, q.RevocationReason, q.ExpiredOn,
        holder.RevenueWan, holder.RevenueYear);
}

/// <summary>Where the enterprise holding a qualification is, and the revenue of its latest annual report.</summary>
public sealed record QualificationHolder(string RegionCode, string? ZoneCode, decimal? RevenueWan, int? RevenueYear);

/// <summary>What an expiry pass did.</summary>
/// <param name="Expired">How many valid qualifications it moved to expired.</param>
/// <param name="AsOf">The day it ran for: qualifications whose last day is before it expired.</param>
public sealed record ExpiryResult(int Expired, DateOnly AsOf);
