using ServiceDefaults.Json;
using Talent.Api.Domain;
using Talent.Contracts;

namespace Talent.Api.Events;

/// <summary>
/// Builds the published events from the entities, so every publisher fills them the same way. Only
/// ids, codes, years and dates go in: no name, no document, no phone, no reason or goal in words.
/// </summary>
internal static class EventFactory
{
    public static TalentRecognized Recognized(Recognition r) =>
        new(r.Id, r.TalentId, r.Programme, r.Year, r.Tier, r.Nationality, r.RegionCode, r.ZoneCode, r.RecognizedOn);

    public static RecognitionRevoked Revoked(Recognition r) =>
        new(r.Id, r.TalentId, r.Programme, r.Year, r.Tier, r.Nationality, r.RegionCode, r.ZoneCode, r.RevokedOn!.Value);

    public static TeamFormed Formed(Team t) =>
        new(t.Id, t.Programme, t.LeaderId, t.CurrentMemberIds.ToList(), t.HostCreditCode, t.RegionCode, t.ZoneCode, t.FormedOn);

    public static TeamDisbanded Disbanded(Team t) => new(t.Id, t.Programme, t.RegionCode, t.ZoneCode, t.FormedOn, t.DisbandedOn!.Value);

    public static CommissionerAssigned Assigned(CommissionerAssignment a) =>
        new(a.Id, a.TalentId, EnumText.Format(a.ServedKind), a.ServedCreditCode, a.Nationality, a.RegionCode, a.ZoneCode, a.StartsOn, a.EndsOn);

    public static CommissionerAppraised Appraised(CommissionerAssignment a, Appraisal appraisal) =>
        new(a.Id, a.TalentId, appraisal.Year, EnumText.Format(appraisal.Grade), a.RegionCode, a.ZoneCode, a.StartsOn, a.EndsOn);
}
