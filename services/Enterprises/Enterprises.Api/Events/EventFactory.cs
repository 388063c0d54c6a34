using Enterprises.Contracts;
using Enterprises.Api.Domain;
using ServiceDefaults.Json;

namespace Enterprises.Api.Events;

/// <summary>Builds the published events from the entities, so every publisher fills them the same way.</summary>
internal static class EventFactory
{
    public static EnterpriseRegistered Registered(Enterprise e) =>
        new(e.CreditCode, e.Name, e.RegionCode, e.ZoneCode, e.Industry, e.FoundedOn);

    public static EnterpriseUpdated Updated(Enterprise e) =>
        new(e.CreditCode, e.Name, e.RegionCode, e.ZoneCode, e.Industry, e.FoundedOn);

    public static QualificationGranted Granted(Qualification q, Enterprise e) =>
        new(q.Id, q.CreditCode, q.Type.ToString(), e.RegionCode, e.ZoneCode, q.GrantedOn, q.ExpiresOn);

    public static QualificationRevoked Revoked(Qualification q, Enterprise e) =>
        new(q.Id, q.CreditCode, q.Type.ToString(), e.RegionCode, e.ZoneCode, q.GrantedOn, q.ExpiresOn, q.RevokedOn!.Value,
            q.RevocationReason!);

    public static QualificationExpired Expired(Qualification q, string regionCode, string? zoneCode) =>
        new(q.Id, q.CreditCode, q.Type.ToString(), regionCode, zoneCode, q.GrantedOn, q.ExpiresOn, q.ExpiredOn!.Value);

    /// <summary>Kind and board by their wire names (<c>Listed</c>, <c>star</c>), the codes the API shows.</summary>
    public static DesignationAdded Added(Designation d, Enterprise e) =>
        new(d.Id, d.CreditCode, EnumText.Format(d.Kind), Board(d), d.Since, e.RegionCode, e.ZoneCode);

    public static DesignationEnded Ended(Designation d, Enterprise e) =>
        new(d.Id, d.CreditCode, EnumText.Format(d.Kind), Board(d), d.Since, d.EndedOn!.Value, false, e.RegionCode, e.ZoneCode, d.EndReason!);

    /// <summary>A withdrawal ends the designation as of the day it was withdrawn, marked so that consumers count it nowhere.</summary>
    public static DesignationEnded Withdrawn(Designation d, Enterprise e) =>
        new(d.Id, d.CreditCode, EnumText.Format(d.Kind), Board(d), d.Since, d.WithdrawnOn!.Value, true, e.RegionCode, e.ZoneCode,
            d.WithdrawalReason!);

    public static AnnualReportFiled Filed(AnnualReport r, Enterprise e) => new(r.CreditCode, r.Year, r.RevenueWan, e.RegionCode, e.ZoneCode);

    private static string? Board(Designation d) => d.Board is { } board ? EnumText.Format(board) : null;
}
