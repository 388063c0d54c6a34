using EventBus;

namespace Talent.Contracts;

// The events the Talent service publishes on its stream (sti:events:talent). Owned by the publisher
// and referenced by every consumer. They carry ids, programme, year, tier, nationality, place and
// dates: never a name, an identity number, a phone or free text (a revocation's reason, a team's
// goals), which could hold personal data. A consumer that needs more asks the Talent API.
//
// What a register source in Plans counts from them:
//   talent.recognized.{Programme}          TalentRecognized +1 / RecognitionRevoked -1, per RegionCode (and ZoneCode)
//   … by nationality                       the same, split by Nationality (ISO 3166 alpha-2; foreign = not CN)
//   talent.commissioners.active            CommissionerAssigned: active from StartsOn to EndsOn, per RegionCode
//   talent.commissioners.excellent         CommissionerAppraised with Grade "excellent", per Year and RegionCode
// Region and zone are those of the recognition or assignment when it was made, and the revocation
// carries the same ones, so that a count goes back to where it came from.

/// <summary>A person was recognised under a talent programme for a year.</summary>
/// <param name="RecognitionId">The recognition (GET /api/v1/talents/{TalentId}/recognitions/{RecognitionId}).</param>
/// <param name="TalentId">The person, by id only.</param>
/// <param name="Programme">The programme's code (<c>HaiheTalent</c>, <c>YoungScientists</c>, …): the {Programme} of <c>talent.recognized.{Programme}</c>.</param>
/// <param name="Year">The year of the recognition (the programme's batch).</param>
/// <param name="Tier">The tier within the programme, where it has tiers.</param>
/// <param name="Nationality">ISO 3166 alpha-2 (<c>CN</c>; anything else counts as foreign talent).</param>
/// <param name="RegionCode">The district the person was registered in when recognised.</param>
/// <param name="ZoneCode">The functional zone, if any.</param>
/// <param name="RecognizedOn">The day of the decision, where known.</param>
public sealed record TalentRecognized(Guid RecognitionId, Guid TalentId, string Programme, int Year, string? Tier, string Nationality,
    string RegionCode, string? ZoneCode, DateOnly? RecognizedOn) : IntegrationEvent;

/// <summary>A recognition was revoked as of <c>RevokedOn</c>; the other fields are those of <see cref="TalentRecognized"/>.</summary>
public sealed record RecognitionRevoked(Guid RecognitionId, Guid TalentId, string Programme, int Year, string? Tier, string Nationality,
    string RegionCode, string? ZoneCode, DateOnly RevokedOn) : IntegrationEvent;

/// <summary>A team was formed under a programme (项目+团队, 科技帮扶团队 …).</summary>
/// <param name="MemberIds">The members other than the leader, by id.</param>
/// <param name="HostCreditCode">The host enterprise, when the host is one.</param>
public sealed record TeamFormed(Guid TeamId, string Programme, Guid LeaderId, IReadOnlyList<Guid> MemberIds, string? HostCreditCode,
    string RegionCode, string? ZoneCode, DateOnly FormedOn) : IntegrationEvent;

/// <summary>A team was disbanded on <c>DisbandedOn</c>.</summary>
public sealed record TeamDisbanded(Guid TeamId, string Programme, string RegionCode, string? ZoneCode, DateOnly FormedOn,
    DateOnly DisbandedOn) : IntegrationEvent;

/// <summary>A person was assigned as science-and-technology commissioner (科技特派员) for a period.</summary>
/// <param name="ServedKind">enterprise, village or cooperative.</param>
/// <param name="ServedCreditCode">The credit code of the enterprise or cooperative served, where it has one.</param>
/// <param name="Nationality">The commissioner's nationality (ISO 3166 alpha-2).</param>
/// <param name="RegionCode">The district where the commissioner serves.</param>
/// <param name="StartsOn">First day of the assignment.</param>
/// <param name="EndsOn">Last day of the assignment: the commissioner is active from StartsOn to EndsOn.</param>
public sealed record CommissionerAssigned(Guid AssignmentId, Guid TalentId, string ServedKind, string? ServedCreditCode, string Nationality,
    string RegionCode, string? ZoneCode, DateOnly StartsOn, DateOnly EndsOn) : IntegrationEvent;

/// <summary>A commissioner's yearly appraisal; <c>Grade</c> is excellent (优秀), good, pass or fail.</summary>
public sealed record CommissionerAppraised(Guid AssignmentId, Guid TalentId, int Year, string Grade, string RegionCode, string? ZoneCode,
    DateOnly StartsOn, DateOnly EndsOn) : IntegrationEvent;
