using System.Security.Claims;
using Enterprises.Directory;
using EventBus;
using FluentValidation;
using Mediator;
using SharedKernel.Time;
using Talent.Api.Data;
using Talent.Api.Domain;
using Talent.Api.Events;
using Talent.Api.Programmes;
using Talent.Api.Talents;
using Talent.Api.Validation;

namespace Talent.Api.Teams;

/// <summary>POST /api/v1/teams: forms a team and publishes TeamFormed.</summary>
public sealed record FormTeam : FormTeamRequest, ICommand<TeamResult>
{
    public FormTeam(FormTeamRequest request, ClaimsPrincipal caller) : base(request) => Caller = caller;

    /// <summary>Who forms it: a caller confined to a region forms teams working there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class FormTeamValidator : AbstractValidator<FormTeam>
{
    public FormTeamValidator(ProgrammeCatalog programmes)
    {
        RuleFor(t => t.Name).NotEmpty().MaximumLength(200);
        RuleFor(t => t.Programme).NotEmpty().Must(p => programmes.Find(p) is not null)
            .WithMessage("Not a programme of GET /api/v1/talent-programmes.");
        RuleFor(t => t.LeaderId).NotNull().NotEqual(Guid.Empty);
        RuleFor(t => t.HostCreditCode).MustBeCreditCodeShape();
        RuleFor(t => t.HostPlatformName).MaximumLength(200);
        RuleFor(t => t).Must(t => string.IsNullOrWhiteSpace(t.HostCreditCode) != string.IsNullOrWhiteSpace(t.HostPlatformName))
            .OverridePropertyName("hostCreditCode").WithMessage("Name the host: 'hostCreditCode' for an enterprise or 'hostPlatformName' for a platform, not both.");
        RuleFor(t => t.Field).MaximumLength(100);
        RuleFor(t => t.RegionCode).NotEmpty().MustBeDistrict();
        RuleFor(t => t.ZoneCode).MustBeZone();
        RuleFor(t => t.FormedOn).NotNull();
    }
}

/// <summary>
/// The rows of the leader and the members are locked first, so that two teams naming the same person
/// at once are checked one after the other: the second sees the first and is refused.
/// </summary>
internal sealed class FormTeamHandler(TalentDbContext db, ProgrammeCatalog programmes, EnterpriseDirectory directory, IEventBus events,
    TimeProvider clock) : ICommandHandler<FormTeam, TeamResult>
{
    public async ValueTask<TeamResult> Handle(FormTeam command, CancellationToken cancellationToken)
    {
        var programme = programmes.Get(command.Programme);
        var profile = new TeamProfile(command.Name!.Trim(), programme.Code, ParameterRules.CreditCode(command.HostCreditCode),
            ParameterRules.Text(command.HostPlatformName), ParameterRules.Text(command.Field), command.RegionCode!.Trim(),
            ParameterRules.Text(command.ZoneCode));
        TeamLookup.EnsureWritable(command.Caller, profile.RegionCode, profile.ZoneCode);
        if (profile.HostCreditCode is { } host)
        {
            await TalentLookup.KnownEnterpriseAsync(directory, host, "hostCreditCode", cancellationToken);
        }

        var leader = command.LeaderId!.Value;
        var members = command.MemberIds ?? [];
        var people = await TalentLookup.FindLockedAsync(db, [leader, .. members], cancellationToken);
        TalentLookup.EnsureAllFound(people, [leader], "leaderId");
        TalentLookup.EnsureAllFound(people, members, "memberIds");
        var others = await TeamLookup.ActiveTeamsOfAsync(db, programme.Code, people.Keys, cancellationToken);
        var team = Team.Form(programme, profile, leader, members, command.FormedOn!.Value, others, clock.Today(), clock.GetUtcNow());
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(EventFactory.Formed(team));
        return TeamResult.Of(team);
    }
}
