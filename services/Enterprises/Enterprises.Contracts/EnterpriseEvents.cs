using EventBus;

namespace Enterprises.Contracts;

// The events the Enterprises service publishes on its stream (sti:events:enterprises). Owned by the
// publisher and referenced by every consumer, so that a renamed or reshaped event breaks the
// consumers' build instead of being skipped at run time.

/// <summary>A new enterprise is on the register.</summary>
public sealed record EnterpriseRegistered(string CreditCode, string Name, string RegionCode, string? ZoneCode, string? Industry,
    DateOnly FoundedOn) : IntegrationEvent;

/// <summary>An enterprise's registered details changed (published only when a field actually changed).</summary>
public sealed record EnterpriseUpdated(string CreditCode, string Name, string RegionCode, string? ZoneCode, string? Industry,
    DateOnly FoundedOn) : IntegrationEvent;

/// <summary>A qualification was granted; <c>Type</c> is the type's name (<c>HighTech</c>).</summary>
public sealed record QualificationGranted(long QualificationId, string CreditCode, string Type, string RegionCode, string? ZoneCode,
    DateOnly GrantedOn, DateOnly ExpiresOn) : IntegrationEvent;

/// <summary>A valid qualification was revoked as of <c>RevokedOn</c>.</summary>
public sealed record QualificationRevoked(long QualificationId, string CreditCode, string Type, string RegionCode, string? ZoneCode,
    DateOnly GrantedOn, DateOnly ExpiresOn, DateOnly RevokedOn, string Reason) : IntegrationEvent;

/// <summary>A qualification reached the end of its term; <c>ExpiredOn</c> is the first day it no longer held.</summary>
public sealed record QualificationExpired(long QualificationId, string CreditCode, string Type, string RegionCode, string? ZoneCode,
    DateOnly GrantedOn, DateOnly ExpiresOn, DateOnly ExpiredOn) : IntegrationEvent;

/// <summary>An enterprise's designation began: listed on a board (上市), on the listing reserve list (上市后备), a unicorn or a potential unicorn (独角兽 / 潜在独角兽).</summary>
public sealed record DesignationAdded(long DesignationId, string CreditCode, string Kind, string? Board, DateOnly Since, string RegionCode, string? ZoneCode) : IntegrationEvent;
/// <summary>A designation ended on <c>EndedOn</c> (delisted, left the list, no longer a unicorn), or was withdrawn as recorded in error.</summary>
public sealed record DesignationEnded(long DesignationId, string CreditCode, string Kind, string? Board, DateOnly Since, DateOnly EndedOn, bool Withdrawn, string RegionCode, string? ZoneCode, string Reason) : IntegrationEvent;
/// <summary>An annual report was filed or replaced; the revenue of the reported year, in 万元.</summary>
public sealed record AnnualReportFiled(string CreditCode, int Year, decimal RevenueWan, string RegionCode, string? ZoneCode) : IntegrationEvent;
