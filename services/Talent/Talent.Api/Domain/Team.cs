using Persistence.Audit;
using SharedKernel.Domain;
using SharedKernel.Errors;

namespace Talent.Api.Domain;

/// <summary>What a team is: its name, programme, host, field and place.</summary>
/// <param name="HostCreditCode">The host enterprise, checked against the register; or null with <paramref name="HostPlatformName"/>.</param>
/// <param name="HostPlatformName">The host platform (a key lab, an institute) by name, when the host is not an enterprise.</param>
public sealed record TeamProfile(string Name, string Programme, string? HostCreditCode, string? HostPlatformName, string? Field, string RegionCode,
    string? ZoneCode);

/// <summary>A member of a team other than its leader; one row per stay (a person who leaves and returns has two).</summary>
public sealed class TeamMember
{
    private TeamMember()
    {
    }

    internal TeamMember(Guid talentId, DateOnly joinedOn)
    {
        TalentId = talentId;
        JoinedOn = joinedOn;
    }

    /// <summary>This stay's id (made here, so that the audit trail names it).</summary>
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid TalentId { get; private set; }
    public DateOnly JoinedOn { get; private set; }
    public DateOnly? LeftOn { get; private set; }

    public bool IsCurrent => LeftOn is null;

    internal void Leave(DateOnly leftOn) => LeftOn = leftOn;
}

/// <summary>
/// A team (团队) under a programme: a "项目+团队" team, a 科技帮扶团队 supporting commissioners.
/// While it is active, each of its people (leader and current members) is in no other active team
/// of the same programme: a person leads at most one, and belongs to at most one.
/// </summary>
public sealed class Team : VersionedEntity, IAuditedResource
{
    public const int MaxMembers = 200;

    private Team()
    {
    }

    private Team(TeamProfile profile, Guid leaderId, DateOnly formedOn, DateTimeOffset now) : base(now)
    {
        Name = profile.Name;
        Programme = profile.Programme;
        HostCreditCode = profile.HostCreditCode;
        HostPlatformName = profile.HostPlatformName;
        Field = profile.Field;
        RegionCode = profile.RegionCode;
        ZoneCode = profile.ZoneCode;
        LeaderId = leaderId;
        FormedOn = formedOn;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; private set; } = null!;
    public string Programme { get; private set; } = null!;
    public Guid LeaderId { get; private set; }
    public string? HostCreditCode { get; private set; }
    public string? HostPlatformName { get; private set; }
    public string? Field { get; private set; }
    public string RegionCode { get; private set; } = null!;
    public string? ZoneCode { get; private set; }
    public DateOnly FormedOn { get; private set; }
    public DateOnly? DisbandedOn { get; private set; }
    public string? DisbandReason { get; private set; }
    public List<TeamMember> Members { get; private set; } = [];

    public TeamStatus Status => DisbandedOn is null ? TeamStatus.Active : TeamStatus.Disbanded;

    public IEnumerable<Guid> CurrentMemberIds => Members.Where(m => m.IsCurrent).Select(m => m.TalentId);

    public string AuditKey => Id.ToString();

    /// <summary>
    /// A new active team. <paramref name="others"/>: the active teams of the same programme in which
    /// any of these people leads or is a current member.
    /// </summary>
    public static Team Form(Programme programme, TeamProfile profile, Guid leaderId, IReadOnlyCollection<Guid> memberIds, DateOnly formedOn,
        IEnumerable<Team> others, DateOnly today, DateTimeOffset now)
    {
        if (formedOn > today || formedOn.Year < programme.StartYear)
        {
            throw new RuleViolationException("formedOn", $"'formedOn' must fall between {programme.StartYear} (when {programme.Code} began) and today.");
        }

        if (memberIds.Contains(leaderId))
        {
            throw new RuleViolationException("memberIds", "The leader is a member already; list the other members only.");
        }

        if (memberIds.Distinct().Count() != memberIds.Count)
        {
            throw new RuleViolationException("memberIds", "A member is listed more than once.");
        }

        var othersList = others.Where(t => t.Programme == programme.Code && t.Status == TeamStatus.Active).ToList();
        EnsureFree(leaderId, leads: true, othersList, programme.Code);
        foreach (var member in memberIds)
        {
            EnsureFree(member, leads: false, othersList, programme.Code);
        }

        var team = new Team(profile, leaderId, formedOn, now);
        team.Members.AddRange(memberIds.Select(id => new TeamMember(id, formedOn)));
        return team;
    }

    /// <summary>Adds a person who is in no other active team of the programme (<paramref name="others"/>).</summary>
    public void AddMember(Guid talentId, DateOnly joinedOn, IEnumerable<Team> others, DateOnly today, DateTimeOffset now)
    {
        EnsureActive();
        if (talentId == LeaderId || CurrentMemberIds.Contains(talentId))
        {
            throw new ConflictException(TalentErrors.AlreadyMember, $"Talent {talentId} is already in team {Id}.");
        }

        if (Members.Count >= MaxMembers)
        {
            throw new RuleViolationException("talentId", $"A team keeps at most {MaxMembers} membership records.");
        }

        if (joinedOn < FormedOn || joinedOn > today)
        {
            throw new RuleViolationException("joinedOn", $"'joinedOn' must fall between the team's formation ({FormedOn:yyyy-MM-dd}) and today.");
        }

        EnsureFree(talentId, leads: false, others.Where(t => t.Id != Id && t.Programme == Programme && t.Status == TeamStatus.Active), Programme);
        Members.Add(new TeamMember(talentId, joinedOn));
        Touch(now);
    }

    /// <summary>A current member leaves; the leader does not (the team is disbanded instead).</summary>
    public void RemoveMember(Guid talentId, DateOnly leftOn, DateOnly today, DateTimeOffset now)
    {
        EnsureActive();
        var member = Members.SingleOrDefault(m => m.TalentId == talentId && m.IsCurrent)
            ?? throw new ConflictException(TalentErrors.NotAMember,
                talentId == LeaderId ? $"Talent {talentId} leads team {Id}; disband the team instead." : $"Talent {talentId} is not a current member of team {Id}.");
        if (leftOn < member.JoinedOn || leftOn > today)
        {
            throw new RuleViolationException("leftOn", $"'leftOn' must fall between the day the member joined ({member.JoinedOn:yyyy-MM-dd}) and today.");
        }

        member.Leave(leftOn);
        Touch(now);
    }

    public void Disband(DateOnly disbandedOn, string reason, DateOnly today, DateTimeOffset now)
    {
        EnsureActive();
        if (disbandedOn < FormedOn || disbandedOn > today)
        {
            throw new RuleViolationException("disbandedOn", $"'disbandedOn' must fall between the team's formation ({FormedOn:yyyy-MM-dd}) and today.");
        }

        DisbandedOn = disbandedOn;
        DisbandReason = reason;
        Touch(now);
    }

    /// <summary>Whether the person leads this team or is a current member of it.</summary>
    public bool Involves(Guid talentId) => LeaderId == talentId || CurrentMemberIds.Contains(talentId);

    private void EnsureActive()
    {
        if (Status != TeamStatus.Active)
        {
            throw new ConflictException(TalentErrors.TeamDisbanded, $"Team {Id} was disbanded on {DisbandedOn:yyyy-MM-dd}.");
        }
    }

    private static void EnsureFree(Guid talentId, bool leads, IEnumerable<Team> others, string programme)
    {
        if (others.FirstOrDefault(t => t.Involves(talentId)) is not { } other)
        {
            return;
        }

        if (leads && other.LeaderId == talentId)
        {
            throw new ConflictException(TalentErrors.AlreadyLeadsTeam,
                $"Talent {talentId} already leads an active {programme} team ({other.Id}); a person leads at most one active team of a programme.");
        }

        throw new ConflictException(TalentErrors.MemberInAnotherTeam,
            $"Talent {talentId} is already in an active {programme} team ({other.Id}); a person is in at most one active team of a programme.");
    }
}
