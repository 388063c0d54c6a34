using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using SharedKernel.Errors;

namespace Plans.Api.Observations;

/// <summary>What is done to a yearly figure in its approval.</summary>
public enum ApprovalAction
{
    Submit,
    Approve,
    Unapprove,
}

/// <summary>
/// Moves a figure through its approval: submitted by the reporting unit, approved (and locked) by the
/// plan's owner, unapproved by an administrator with a reason. The endpoint decides who may send which.
/// </summary>
public sealed record ChangeApproval(string PlanCode, string IndicatorCode, long Id, ApprovalAction Action, string? Reason,
    ClaimsPrincipal Caller) : ICommand<ObservationResponse>;

internal sealed class ChangeApprovalValidator : AbstractValidator<ChangeApproval>
{
    public ChangeApprovalValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().When(c => c.Action == ApprovalAction.Unapprove)
            .WithMessage("Unapproving an approved figure states the reason.");
        RuleFor(c => c.Reason).MaximumLength(2000);
    }
}

internal sealed class ChangeApprovalHandler(PlansDbContext db, TimeProvider clock) : ICommandHandler<ChangeApproval, ObservationResponse>
{
    public async ValueTask<ObservationResponse> Handle(ChangeApproval command, CancellationToken ct)
    {
        var (plan, indicator) = await PlanLookup.FindIndicatorAsync(db, command.PlanCode, command.IndicatorCode, command.Caller,
            command.Action == ApprovalAction.Submit ? Access.Report : Access.Write, ct);
        var observation = await db.Observations.SingleOrDefaultAsync(o => o.Id == command.Id && o.IndicatorId == indicator.Id, ct)
            ?? throw new NotFoundException("Observation", $"{command.PlanCode}/{command.IndicatorCode}/{command.Id}");
        var by = command.Caller.FindFirst("client_id")?.Value;
        var now = clock.GetUtcNow();
        switch (command.Action)
        {
            case ApprovalAction.Submit:
                observation.Submit(plan, by, now);
                break;
            case ApprovalAction.Approve:
                observation.Approve(plan, by, await db.Observations.AnyAsync(o => o.IndicatorId == indicator.Id && o.Year == observation.Year
                    && o.Status == ApprovalStatus.Approved && o.Id != observation.Id, ct), now);
                break;
            default:
                observation.Unapprove(plan, by, command.Reason!.Trim(), now);
                break;
        }

        return ObservationResponse.From(observation);
    }
}
