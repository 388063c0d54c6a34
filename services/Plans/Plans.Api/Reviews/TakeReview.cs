using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using Plans.Api.Reports;
using SharedKernel.Time;

namespace Plans.Api.Reviews;

/// <summary>
/// Takes a review (中期评估, 专项监测) of a plan as of a date: the monitoring report as of that date is reckoned now
/// and stored, and the review answers it as stored from then on.
/// </summary>
public sealed record TakeReview(string PlanCode, TakeReviewRequest Request, ClaimsPrincipal Caller) : ICommand<ReviewResponse>;

internal sealed class TakeReviewValidator : AbstractValidator<TakeReview>
{
    public TakeReviewValidator()
    {
        RuleFor(c => c.Request.Title).NotEmpty().MaximumLength(100).OverridePropertyName("title")
            .WithMessage("A review states what it is (1 to 100 characters), e.g. 中期评估.");
        RuleFor(c => c.Request.AsOf).NotNull().OverridePropertyName("asOf").WithMessage("A review names the date it is taken as of.");
        RuleFor(c => c.Request.Note).MaximumLength(2000).OverridePropertyName("note");
    }
}

internal sealed class TakeReviewHandler(PlansDbContext db, ISender sender, TimeProvider clock) : ICommandHandler<TakeReview, ReviewResponse>
{
    public async ValueTask<ReviewResponse> Handle(TakeReview command, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, command.PlanCode, command.Caller, Access.Own, ct);
        var request = command.Request;
        var asOf = request.AsOf!.Value;
        var earlier = await db.Reviews.CountAsync(r => r.PlanCode == plan.Code, ct);
        var today = clock.Today();
        // The rules of the date come before the report is reckoned: a date outside the period has no report.
        MonitoringReview.EnsureTakable(plan, earlier, asOf, today);
        var report = await MonitoringReports.AsOfAsync(db, sender, plan, asOf, command.Caller, ct);
        var review = MonitoringReview.Take(plan, earlier, request.Title!.Trim(), asOf, request.Note?.Trim() is { Length: > 0 } note ? note : null,
            ReviewContent.Write(report), command.Caller.FindFirst("client_id")?.Value, clock.GetUtcNow(), today);
        db.Reviews.Add(review);
        // The answer names the review's id, which the database assigns.
        await db.SaveChangesAsync(ct);
        return ReviewResponse.From(review);
    }
}
