using System.ComponentModel.DataAnnotations;
using Talent.Api.Domain;

namespace Talent.Api.Teams;

/// <summary>A team to form (the body of POST /api/v1/teams).</summary>
public record FormTeamRequest
{
    public string? Name { get; init; }
    /// <summary>The programme it is formed under (ProjectTeam for "项目+团队", TechCommissioner for a 科技帮扶团队 …).</summary>
    public string? Programme { get; init; }
    /// <summary>The leader, a talent id. A person leads at most one active team of a programme.</summary>
    public Guid? LeaderId { get; init; }
    /// <summary>The other members, by talent id; none may be in another active team of the same programme.</summary>
    [MaxLength(Team.MaxMembers)]
    public IReadOnlyList<Guid>? MemberIds { get; init; }
    /// <summary>The host enterprise, which must be on the enterprise register; or give hostPlatformName.</summary>
    public string? HostCreditCode { get; init; }
    /// <summary>The host platform (a key laboratory, an institute) by name, when the host is not an enterprise.</summary>
    public string? HostPlatformName { get; init; }
    public string? Field { get; init; }
    /// <summary>The district the team works in.</summary>
    public string? RegionCode { get; init; }
    public string? ZoneCode { get; init; }
    /// <summary>The day it was formed: not before the programme began, not in the future.</summary>
    public DateOnly? FormedOn { get; init; }
}

/// <summary>The body of POST /api/v1/teams/{id}/members.</summary>
public record AddTeamMemberRequest
{
    public Guid? TalentId { get; init; }
    /// <summary>The day the person joined; today when absent.</summary>
    public DateOnly? JoinedOn { get; init; }
}

/// <summary>The body of POST /api/v1/teams/{id}/members/{talentId}/leave.</summary>
public record LeaveTeamRequest
{
    /// <summary>The day the member left; today when absent.</summary>
    public DateOnly? LeftOn { get; init; }
}

/// <summary>The body of POST /api/v1/teams/{id}/disband.</summary>
public record DisbandTeamRequest
{
    public string? Reason { get; init; }
    /// <summary>The day it was disbanded; today when absent.</summary>
    public DateOnly? DisbandedOn { get; init; }
}

/// <summary>A member's stay in a team.</summary>
public sealed record TeamMemberResponse(Guid TalentId, DateOnly JoinedOn, DateOnly? LeftOn);

/// <summary>A team.</summary>
/// <param name="Members">Every stay of every member other than the leader; current members have no leftOn.</param>
public sealed record TeamResponse(
    Guid Id,
    string Name,
    string Programme,
    Guid LeaderId,
    [property: MaxLength(Team.MaxMembers)] IReadOnlyList<TeamMemberResponse> Members,
    string? HostCreditCode,
    string? HostPlatformName,
    string? Field,
    string RegionCode,
    string? ZoneCode,
    DateOnly FormedOn,
    DateOnly? DisbandedOn,
    string? DisbandReason,
    TeamStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TeamResponse From(Team t) => new(t.Id, t.Name, t.Programme, t.LeaderId,
        t.Members.OrderBy(m => m.JoinedOn).ThenBy(m => m.Id).Select(m => new TeamMemberResponse(m.TalentId, m.JoinedOn, m.LeftOn)).ToList(),
        t.HostCreditCode, t.HostPlatformName, t.Field, t.RegionCode, t.ZoneCode, t.FormedOn, t.DisbandedOn, t.DisbandReason, t.Status,
        t.CreatedAt, t.UpdatedAt);
}

/// <summary>A team as a command or query left it, with the version its ETag carries.</summary>
public sealed record TeamResult(TeamResponse Team, long Version)
{
    public static TeamResult Of(Team t) => new(TeamResponse.From(t), t.Version);
}
