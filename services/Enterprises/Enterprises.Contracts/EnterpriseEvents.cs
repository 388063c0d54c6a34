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
