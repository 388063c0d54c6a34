using System.Security.Claims;
using Enterprises.Directory;
using EventBus;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Auth;
using SharedKernel.Errors;
using SharedKernel.Time;
using Talent.Api.Data;
using Talent.Api.Domain;
using Talent.Api.Events;
using Talent.Api.Talents;
using Talent.Api.Validation;

namespace Talent.Api.Commissioners;

/// <summary>POST /api/v1/commissioners: assigns a person as 科技特派员 and publishes CommissionerAssigned.</summary>
public sealed record AssignCommissioner : AssignCommissionerRequest, ICommand<CommissionerResult>
{
    public AssignCommissioner(AssignCommissionerRequest request, ClaimsPrincipal caller) : base(request) => Caller = caller;

    /// <summary>Who assigns: a caller confined to a region assigns commissioners serving there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class AssignCommissionerValidator : AbstractValidator<AssignCommissioner>
{
    public AssignCommissionerValidator()
    {
        RuleFor(a => a.TalentId).NotNull().NotEqual(Guid.Empty);
        RuleFor(a => a.ServedKind).NotNull();
        RuleFor(a => a.ServedCreditCode).MustBeCreditCodeShape();
        RuleFor(a => a.ServedCreditCode).NotEmpty().When(a => a.ServedKind == ServedKind.Enterprise)
            .WithMessage("An enterprise is named by its credit code.");
        RuleFor(a => a.ServedCreditCode).Empty().When(a => a.ServedKind == ServedKind.Village)
            .WithMessage("A village has no credit code; name it in 'servedName'.");
        RuleFor(a => a.ServedName).NotEmpty().When(a => a.ServedKind is ServedKind.Village or ServedKind.Cooperative)
            .WithMessage("Name the village or cooperative served.");
        RuleFor(a => a.ServedName).MaximumLength(200);
        RuleFor(a => a.RegionCode).NotEmpty().When(a => a.ServedKind is ServedKind.Village or ServedKind.Cooperative);
        RuleFor(a => a.RegionCode).MustBeDistrict().When(a => !string.IsNullOrWhiteSpace(a.RegionCode));
        RuleFor(a => a.ZoneCode).MustBeZone();
        RuleFor(a => a.Field).MaximumLength(100);
        RuleFor(a => a.Goals).MaximumLength(2000);
        RuleFor(a => a.StartsOn).NotNull();
        RuleFor(a => a.EndsOn).NotNull();
        RuleFor(a => a.EndsOn).GreaterThanOrEqualTo(a => a.StartsOn).When(a => a.StartsOn is not null && a.EndsOn is not null)
            .WithMessage("'endsOn' must not be before 'startsOn': the period ends before it starts.");
    }
}

/// <summary>
/// The person's row is locked first, so that two overlapping assignments sent at once are checked one
/// after the other. An enterprise served is asked of the enterprise register (422 when unknown, 503
/// when the register cannot be asked), and its district is the register's.
/// </summary>
internal sealed class AssignCommissionerHandler(TalentDbContext db, EnterpriseDirectory directory, IEventBus events, TimeProvider clock)
    : ICommandHandler<AssignCommissioner, CommissionerResult>
{
    public async ValueTask<CommissionerResult> Handle(AssignCommissioner command, CancellationToken cancellationToken)
    {
        var served = await ServedAsync(command, cancellationToken);
        command.Caller.EnsureMayWriteIn("commissioner assignments", served.RegionCode, served.ZoneCode);
        if (command.SupportTeamId is { } teamId
            && !await db.Teams.AnyAsync(t => t.Id == teamId && t.DisbandedOn == null, cancellationToken))
        {
            throw new RuleViolationException("supportTeamId", $"There is no active team {teamId}.");
        }

        var talentId = command.TalentId!.Value;
        var people = await TalentLookup.FindLockedAsync(db, [talentId], cancellationToken);
        TalentLookup.EnsureAllFound(people, [talentId], "talentId");
        var earlier = await db.CommissionerAssignments.Where(a => a.TalentId == talentId).ToListAsync(cancellationToken);
        var terms = new AssignmentTerms(ParameterRules.Text(command.Field), ParameterRules.Text(command.Goals), command.StartsOn!.Value,
            command.EndsOn!.Value, command.SupportTeamId);
        var assignment = CommissionerAssignment.Assign(people[talentId], served, terms, earlier, clock.GetUtcNow());
        db.CommissionerAssignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(EventFactory.Assigned(assignment));
        return CommissionerResult.Of(assignment, clock.Today());
    }

    private async Task<ServedParty> ServedAsync(AssignCommissioner command, CancellationToken ct)
    {
        var kind = command.ServedKind!.Value;
        var creditCode = ParameterRules.CreditCode(command.ServedCreditCode);
        var region = ParameterRules.Text(command.RegionCode);
        if (kind != ServedKind.Enterprise)
        {
            return new ServedParty(kind, creditCode, command.ServedName!.Trim(), region!, ParameterRules.Text(command.ZoneCode));
        }

        var enterprise = await TalentLookup.KnownEnterpriseAsync(directory, creditCode!, "servedCreditCode", ct);
        if (region is not null && region != enterprise.RegionCode)
        {
            throw new RuleViolationException("regionCode", $"Enterprise '{enterprise.CreditCode}' is registered in {enterprise.RegionCode}; leave 'regionCode' out or give that.");
        }

        return new ServedParty(kind, enterprise.CreditCode, enterprise.Name, enterprise.RegionCode, enterprise.ZoneCode);
    }
}
