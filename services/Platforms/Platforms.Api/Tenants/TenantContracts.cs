using System.ComponentModel.DataAnnotations;
using Enterprises.Directory;
using Platforms.Api.Domain;

namespace Platforms.Api.Tenants;

/// <summary>A start-up team (创业团队).</summary>
public sealed record TeamFields
{
    public string? Name { get; init; }
    /// <summary>The team's leader (负责人).</summary>
    public string? LeaderName { get; init; }
    /// <summary>How many people it has, 1 to 1000.</summary>
    public int? Members { get; init; }
}

/// <summary>The body of POST /api/v1/platforms/{id}/tenants: an enterprise by credit code, or a team.</summary>
public record AdmitTenantRequest
{
    /// <summary>The enterprise's credit code (on the enterprise register); or give 'team'.</summary>
    public string? CreditCode { get; init; }
    /// <summary>A start-up team not registered as an enterprise; or give 'creditCode'.</summary>
    public TeamFields? Team { get; init; }
    /// <summary>The day it was admitted (入孵); today when absent.</summary>
    public DateOnly? AdmittedOn { get; init; }
}

/// <summary>The body of POST .../tenants/{tenantId}/graduate.</summary>
public record GraduateTenantRequest
{
    /// <summary>graduated (毕业), left, or failed.</summary>
    public TenantOutcome? Reason { get; init; }
    /// <summary>The day it left; today when absent. Not before it was admitted.</summary>
    public DateOnly? On { get; init; }
    public string? Note { get; init; }
}

/// <summary>A tenant of a platform.</summary>
/// <param name="Kind">enterprise or team.</param>
/// <param name="EnterpriseName">The enterprise's name as the register has it (kind enterprise).</param>
/// <param name="Team">The team (kind team).</param>
/// <param name="Active">Not graduated.</param>
/// <param name="Reason">How it left: graduated, left or failed.</param>
public sealed record TenantResponse(long Id, Guid PlatformId, TenantKind Kind, string? CreditCode,
    [property: MaxLength(KnownEnterprise.MaxNameLength)] string? EnterpriseName, TeamFields? Team,
    DateOnly AdmittedOn, bool Active, DateOnly? GraduatedOn, TenantOutcome? Reason, string? Note)
{
    public static TenantResponse From(Tenant t, string? enterpriseName) => new(t.Id, t.PlatformId, t.Kind, t.CreditCode, enterpriseName,
        t.Kind == TenantKind.Team ? new TeamFields { Name = t.TeamName, LeaderName = t.LeaderName, Members = t.Members } : null,
        t.AdmittedOn, t.IsActive, t.GraduatedOn, t.Outcome, t.Note);
}
