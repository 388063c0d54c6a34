using EventBus;

namespace Platforms.Contracts;

// The events the Platforms service publishes on its stream (sti:events:platforms). Owned by the
// publisher and referenced by every consumer, so that a renamed or reshaped event breaks the
// consumers' build instead of being skipped at run time.
//
// Values are the API's wire names: Type is a key of the platform-type catalog (GET
// /api/v1/platforms/types: "Incubator", "UniversitySciencePark" …); Level is "national", "municipal"
// or "district"; Status is "underConstruction", "active", "suspended" or "revoked"; Designations are
// the type's designations the platform holds ("specialized" for a 专业化众创空间), sorted. RegionCode
// is the district, ZoneCode the functional zone (12Znn) or null; Abroad is true for a platform
// located outside China (境外研发机构, 境外孵化器), still counted in its Tianjin region; HostCreditCode is
// set exactly when an enterprise hosts the platform.
// Every platform event carries this classification as the platform has it after the change, so a
// consumer that counts platforms keeps its copy from any one of them.

/// <summary>A platform was accredited (认定 or 批准建设): the whole platform as recorded.</summary>
/// <param name="HostKind">enterprise, university, institute or hospital.</param>
/// <param name="HostCreditCode">The host enterprise's credit code (HostKind enterprise), else null.</param>
/// <param name="HostName">The host's name (for an enterprise, as the register knew it then).</param>
/// <param name="StatusSince">The day the platform entered its status (its approval date).</param>
public sealed record PlatformAccredited(Guid PlatformId, string Name, string Type, string Level, IReadOnlyList<string> Designations,
    string RegionCode, string? ZoneCode, bool Abroad, string? AbroadCountry, string HostKind, string? HostCreditCode, string HostName,
    string? Field, DateOnly ApprovedOn, string? DocumentNumber, string Status, DateOnly StatusSince) : IntegrationEvent;

/// <summary>
/// A platform's recorded details changed (name, level, designations, place, host, field, approval):
/// the whole platform as it is now. Published only when something changed; the status changes only
/// through <see cref="PlatformStatusChanged"/>.
/// </summary>
public sealed record PlatformUpdated(Guid PlatformId, string Name, string Type, string Level, IReadOnlyList<string> Designations,
    string RegionCode, string? ZoneCode, bool Abroad, string? AbroadCountry, string HostKind, string? HostCreditCode, string HostName,
    string? Field, DateOnly ApprovedOn, string? DocumentNumber, string Status, DateOnly StatusSince) : IntegrationEvent;

/// <summary>
/// A platform moved along its lifecycle (underConstruction → active → suspended ↔ active → revoked)
/// as of <c>On</c>, for <c>Reason</c>; by a status change or by a revocation decision.
/// </summary>
/// <param name="HostCreditCode">The host enterprise's credit code; null when a university, institute or hospital hosts it.</param>
/// <param name="ApprovedOn">The day of its approval (认定 or 批准建设), so that a consumer counting platforms approved since a day keeps its copy from this event too.</param>
public sealed record PlatformStatusChanged(Guid PlatformId, string Name, string Type, string Level, IReadOnlyList<string> Designations,
    string RegionCode, string? ZoneCode, bool Abroad, string? HostCreditCode, DateOnly ApprovedOn, string PreviousStatus, string Status,
    DateOnly On, string Reason) : IntegrationEvent;

/// <summary>
/// A platform's evaluation for a year. <c>Grade</c> is as the type's scheme writes it (A–D, or
/// excellent / good / pass / fail, or for a score scheme the band of <c>Score</c>); <c>Rating</c> is
/// the same on the common scale (excellent, good, pass, fail). A failing grade opened a rectification
/// (<c>RectificationOpened</c>) or, as a second failure, proposed revocation (<c>RevocationProposed</c>).
/// </summary>
public sealed record PlatformEvaluated(long EvaluationId, Guid PlatformId, string Type, string Level, string RegionCode, string? ZoneCode,
    bool Abroad, string? HostCreditCode, string Status, int Year, string Grade, decimal? Score, string Rating, bool Failing,
    DateOnly EvaluatedOn, bool RectificationOpened, bool RevocationProposed) : IntegrationEvent;

/// <summary>A tenant (在孵企业 or start-up team) was admitted to an incubator, maker space or 星创天地.</summary>
/// <param name="Kind">enterprise (CreditCode set) or team (TeamName set).</param>
public sealed record TenantAdmitted(long TenantId, Guid PlatformId, string PlatformType, string PlatformLevel, string RegionCode,
    string? ZoneCode, bool Abroad, string Kind, string? CreditCode, string? TeamName, DateOnly AdmittedOn) : IntegrationEvent;

/// <summary>A tenant left its platform on <c>GraduatedOn</c>; <c>Outcome</c> is graduated, left or failed.</summary>
public sealed record TenantGraduated(long TenantId, Guid PlatformId, string PlatformType, string PlatformLevel, string RegionCode,
    string? ZoneCode, bool Abroad, string Kind, string? CreditCode, string? TeamName, DateOnly AdmittedOn, DateOnly GraduatedOn,
    string Outcome) : IntegrationEvent;
