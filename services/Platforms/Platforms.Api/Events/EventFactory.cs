using Platforms.Api.Domain;
using Platforms.Contracts;

namespace Platforms.Api.Events;

/// <summary>Builds the published events from the entities, so every publisher fills them the same way (values by their wire names).</summary>
internal static class EventFactory
{
    /// <param name="hostName">The host's name: the register's name of an enterprise host, else the platform's own record.</param>
    public static PlatformAccredited Accredited(Platform p, string hostName) =>
        new(p.Id, p.Name, p.Type, Lifecycle.Name(p.Level), p.DesignationList, p.RegionCode, p.ZoneCode, p.AbroadCountry is not null,
            p.AbroadCountry, Lifecycle.Name(p.HostKind), p.HostCreditCode, hostName, p.Field, p.ApprovedOn, p.DocumentNumber,
            Lifecycle.Name(p.Status), p.StatusSince);

    public static PlatformUpdated Updated(Platform p, string hostName) =>
        new(p.Id, p.Name, p.Type, Lifecycle.Name(p.Level), p.DesignationList, p.RegionCode, p.ZoneCode, p.AbroadCountry is not null,
            p.AbroadCountry, Lifecycle.Name(p.HostKind), p.HostCreditCode, hostName, p.Field, p.ApprovedOn, p.DocumentNumber,
            Lifecycle.Name(p.Status), p.StatusSince);

    public static PlatformStatusChanged StatusChanged(Platform p, StatusChange change) =>
        new(p.Id, p.Name, p.Type, Lifecycle.Name(p.Level), p.DesignationList, p.RegionCode, p.ZoneCode, p.AbroadCountry is not null,
            p.HostCreditCode, p.ApprovedOn, Lifecycle.Name(change.From!.Value), Lifecycle.Name(change.To), change.On, change.Reason!);

    public static PlatformEvaluated Evaluated(Platform p, EvaluationOutcome outcome)
    {
        var e = outcome.Evaluation;
        return new(e.Id, p.Id, p.Type, Lifecycle.Name(p.Level), p.RegionCode, p.ZoneCode, p.AbroadCountry is not null, p.HostCreditCode,
            Lifecycle.Name(p.Status), e.Year, e.Grade, e.Score, Lifecycle.Name(e.Rating), e.Failing, e.EvaluatedOn,
            outcome.Opened is not null, outcome.Proposed is not null);
    }

    public static TenantAdmitted Admitted(Tenant t, Platform p) =>
        new(t.Id, p.Id, p.Type, Lifecycle.Name(p.Level), p.RegionCode, p.ZoneCode, p.AbroadCountry is not null, Lifecycle.Name(t.Kind),
            t.CreditCode, t.TeamName, t.AdmittedOn);

    public static TenantGraduated Graduated(Tenant t, Platform p) =>
        new(t.Id, p.Id, p.Type, Lifecycle.Name(p.Level), p.RegionCode, p.ZoneCode, p.AbroadCountry is not null, Lifecycle.Name(t.Kind),
            t.CreditCode, t.TeamName, t.AdmittedOn, t.GraduatedOn!.Value, Lifecycle.Name(t.Outcome!.Value));
}
