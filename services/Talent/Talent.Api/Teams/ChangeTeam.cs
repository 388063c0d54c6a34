using System.Security.Claims;
using EventBus;
using FluentValidation;
using Mediator;
using ServiceDefaults.Http;
using SharedKernel.Time;
using Talent.Api.Data;
using Talent.Api.Events;
using Talent.Api.Talents;

namespace Talent.Api.Teams;

/// <summary>POST /api/v1/teams/{id}/members: a person joins an active team (If-Match checked when sent).</summary>
public sealed record AddTeamMember : AddTeamMemberRequest, ICommand<TeamResult>
{
    public AddTeamMember(Guid teamId, AddTeamMemberRequest request, IfMatch ifMatch, ClaimsPrincipal caller) : base(request)
    {
        TeamId = teamId;
        IfMatch = ifMatch;
        Caller = caller;
    }

    public Guid TeamId { get; }
    public IfMatch IfMatch { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class AddTeamMemberValidator : AbstractValidator<AddTeamMember>
{
    public AddTeamMemberValidator() => RuleFor(m => m.TalentId).NotNull().NotEqual(Guid.Empty);
}

/// <summary>The joining person's row is locked, so that two teams taking the same person at once are checked one after the other.</summary>
internal sealed class AddTeamMemberHandler(TalentDbContext db, TimeProvider clock) : ICommandHandler<AddTeamMember, TeamResult>
{
    public async ValueTask<TeamResult> Handle(AddTeamMember command, CancellationToken cancellationToken)
    {
        var team = await TeamLookup.FindAsync(db, command.TeamId, cancellationToken);
        TeamLookup.EnsureWritable(command.Caller, team);
        command.IfMatch.RequireIfPresent(team.Version);
        var talentId = command.TalentId!.Value;
        var people = await TalentLookup.FindLockedAsync(db, [talentId], cancellationToken);
        TalentLookup.EnsureAllFound(people, [talentId], "talentId");
        var others = await TeamLookup.ActiveTeamsOfAsync(db, team.Programme, [talentId], cancellationToken);
        var today = clock.Today();
        team.AddMember(talentId, command.JoinedOn ?? today, others, today, clock.GetUtcNow());
        return TeamResult.Of(team);
    }
}

/// <summary>POST /api/v1/teams/{id}/members/{talentId}/leave: a current member leaves.</summary>
public sealed record RemoveTeamMember : LeaveTeamRequest, ICommand<TeamResult>
{
    public RemoveTeamMember(Guid teamId, Guid talentId, LeaveTeamRequest request, IfMatch ifMatch, ClaimsPrincipal caller) : base(request)
    {
        TeamId = teamId;
        TalentId = talentId;
        IfMatch = ifMatch;
        Caller = caller;
    }

    public Guid TeamId { get; }
    public Guid TalentId { get; }
    public IfMatch IfMatch { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class RemoveTeamMemberHandler(TalentDbContext db, TimeProvider clock) : ICommandHandler<RemoveTeamMember, TeamResult>
{
    public async ValueTask<TeamResult> Handle(RemoveTeamMember command, CancellationToken cancellationToken)
    {
        var team = await TeamLookup.FindAsync(db, command.TeamId, cancellationToken);
        TeamLookup.EnsureWritable(command.Caller, team);
        command.IfMatch.RequireIfPresent(team.Version);
        var today = clock.Today();
        team.RemoveMember(command.TalentId, command.LeftOn ?? today, today, clock.GetUtcNow());
        return TeamResult.Of(team);
    }
}

/// <summary>POST /api/v1/teams/{id}/disband: the team ends, with its reason; publishes TeamDisbanded.</summary>
public sealed record DisbandTeam : DisbandTeamRequest, ICommand<TeamResult>
{
    public DisbandTeam(Guid teamId, DisbandTeamRequest request, IfMatch ifMatch, ClaimsPrincipal caller) : base(request)
    {
        TeamId = teamId;
        IfMatch = ifMatch;
        Caller = caller;
    }

    public Guid TeamId { get; }
    public IfMatch IfMatch { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class DisbandTeamValidator : AbstractValidator<DisbandTeam>
{
    public DisbandTeamValidator() => RuleFor(d => d.Reason).NotEmpty().MaximumLength(1000);
}

internal sealed class DisbandTeamHandler(TalentDbContext db, IEventBus events, TimeProvider clock) : ICommandHandler<DisbandTeam, TeamResult>
{
    public async ValueTask<TeamResult> Handle(DisbandTeam command, CancellationToken cancellationToken)
    {
        var team = await TeamLookup.FindAsync(db, command.TeamId, cancellationToken);
        TeamLookup.EnsureWritable(command.Caller, team);
        command.IfMatch.RequireIfPresent(team.Version);
        var today = clock.Today();
        team.Disband(command.DisbandedOn ?? today, command.Reason!.Trim(), today, clock.GetUtcNow());
        events.Publish(EventFactory.Disbanded(team));
        return TeamResult.Of(team);
    }
}
