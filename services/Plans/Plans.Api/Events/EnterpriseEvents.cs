using EventBus;

namespace Plans.Api.Events;

// Copies of the records the Enterprises service publishes on its stream; matched by type name.

public sealed record EnterpriseRegistered(string CreditCode, string Name, string RegionCode, string? ZoneCode, string? Industry, DateOnly FoundedOn) : IntegrationEvent;

public sealed record EnterpriseUpdated(string CreditCode, string Name, string RegionCode, string? ZoneCode, string? Industry, DateOnly FoundedOn) : IntegrationEvent;

public sealed record QualificationGranted(long QualificationId, string CreditCode, string Type, string RegionCode, string? ZoneCode, DateOnly GrantedOn, DateOnly ExpiresOn) : IntegrationEvent;

public sealed record QualificationRevoked(long QualificationId, string CreditCode, string Type, string RegionCode, string? ZoneCode, DateOnly GrantedOn, DateOnly ExpiresOn, DateOnly RevokedOn, string Reason) : IntegrationEvent;

public sealed record QualificationExpired(long QualificationId, string CreditCode, string Type, string RegionCode, string? ZoneCode, DateOnly GrantedOn, DateOnly ExpiresOn, DateOnly ExpiredOn) : IntegrationEvent;
