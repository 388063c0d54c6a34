using Enterprises.Contracts;
using Enterprises.Api.Domain;

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
}
