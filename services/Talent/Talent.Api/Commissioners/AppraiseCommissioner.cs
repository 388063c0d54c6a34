using System.Security.Claims;
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

namespace Talent.Api.Commissioners;

/// <summary>POST /api/v1/commissioners/{id}/appraisals: the yearly appraisal; publishes CommissionerAppraised.</summary>
public sealed record AppraiseCommissioner : AppraiseRequest, ICommand<AppraisalResponse>
{
    public AppraiseCommissioner(Guid assignmentId, AppraiseRequest request, ClaimsPrincipal caller) : base(request)
    {
        AssignmentId = assignmentId;
        Caller = caller;
    }

    public Guid AssignmentId { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class AppraiseCommissionerValidator : AbstractValidator<AppraiseCommissioner>
{
    public AppraiseCommissionerValidator()
    {
        RuleFor(a => a.Year).NotNull();
        RuleFor(a => a.Grade).NotNull();
        RuleFor(a => a.Note).MaximumLength(1000);
    }
}

internal sealed class AppraiseCommissionerHandler(TalentDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<AppraiseCommissioner, AppraisalResponse>
{
    public async ValueTask<AppraisalResponse> Handle(AppraiseCommissioner command, CancellationToken cancellationToken)
    {
        var assignment = await CommissionerLookup.FindAsync(db, command.AssignmentId, cancellationToken);
        command.Caller.EnsureMayWriteIn("commissioner assignments", assignment.RegionCode, assignment.ZoneCode);
        var appraisal = assignment.Appraise(command.Year!.Value, command.Grade!.Value, command.Note?.Trim(), clock.Today(), clock.GetUtcNow());
        events.Publish(EventFactory.Appraised(assignment, appraisal));
        return AppraisalResponse.From(appraisal);
    }
}

internal static class CommissionerLookup
{
    public static async Task<CommissionerAssignment> FindAsync(TalentDbContext db, Guid id, CancellationToken ct) =>
        await db.CommissionerAssignments.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("Commissioner assignment", id.ToString());
}
