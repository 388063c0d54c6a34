using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Indicators;
using Plans.Api.Plans;
using SharedKernel.Time;

namespace Plans.Api.Adjustments;

/// <summary>Adjusts a published indicator's targets from a date, on the authority of an approving document.</summary>
public sealed record AdjustTargets(string PlanCode, string IndicatorCode, AdjustTargetsRequest Request, ClaimsPrincipal Caller)
    : ICommand<AdjustmentResponse>;

internal sealed class AdjustTargetsValidator : AbstractValidator<AdjustTargets>
{
    public AdjustTargetsValidator(PlansDbContext db)
    {
        RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(2000).OverridePropertyName("reason")
            .WithMessage("An adjustment states its reason.");
        RuleFor(c => c.Request.DocumentNumber).NotEmpty().MaximumLength(100).OverridePropertyName("documentNumber")
            .WithMessage("An adjustment names the number of the document approving it.");
        RuleFor(c => c.Request.ApprovedOn).NotNull().OverridePropertyName("approvedOn");
        RuleFor(c => c.Request.AdjustedOn).NotNull().OverridePropertyName("adjustedOn");
        RuleFor(c => c.Request.AdjustedOn).GreaterThanOrEqualTo(c => c.Request.ApprovedOn).OverridePropertyName("adjustedOn")
            .When(c => c.Request.ApprovedOn is not null && c.Request.AdjustedOn is not null)
            .WithMessage("Adjusted targets come into force on or after the date of the document approving them.");
        RuleFor(c => c.Request.Targets).NotEmpty().OverridePropertyName("targets").WithMessage("At least one target is required.");
        RuleFor(c => c.Request.Targets!.Count).LessThanOrEqualTo(Indicator.MaxTargets).OverridePropertyName("targets")
            .When(c => c.Request.Targets is not null).WithMessage($"An indicator holds at most {Indicator.MaxTargets} targets.");
        RuleForEach(c => c.Request.Targets).NotNull().OverridePropertyName("targets").ChildRules(target =>
        {
            target.RuleFor(t => t!.Year).NotNull().OverridePropertyName("year");
            target.RuleFor(t => t!.Value).NotNull().PrecisionScale(20, 4, true).OverridePropertyName("value");
            target.RuleFor(t => t!.Raw).MaximumLength(200).OverridePropertyName("raw");
        });
        RuleFor(c => c.Request.Targets)
            .Must(targets => targets!.OfType<TargetInput>().Select(t => t.Year).Distinct().Count() == targets!.OfType<TargetInput>().Count())
            .OverridePropertyName("targets").When(c => c.Request.Targets is { Count: > 0 })
            .WithMessage("Each target must be for a different year.");
        RuleFor(c => c).CustomAsync(async (command, context, ct) =>
        {
            if (await PlanPeriod.OfAsync(db, command.PlanCode, ct) is not { } period)
            {
                return;
            }

            var targets = command.Request.Targets ?? [];
            for (var index = 0; index < targets.Count; index++)
            {
                if (targets[index]?.Year is { } year && !period.Contains(year))
                {
                    context.AddFailure($"targets[{index}].year", $"The plan runs from {period.Start} to {period.End}; a target for {year} falls outside it.");
                }
            }

            if (command.Request.AdjustedOn is { } on && !period.Contains(on.Year))
            {
                context.AddFailure("adjustedOn", $"The plan runs from {period.Start} to {period.End}; an adjustment takes effect within it.");
            }
        });
    }
}

internal sealed class AdjustTargetsHandler(PlansDbContext db, TimeProvider clock) : ICommandHandler<AdjustTargets, AdjustmentResponse>
{
    public async ValueTask<AdjustmentResponse> Handle(AdjustTargets command, CancellationToken ct)
    {
        var (plan, indicator) = await PlanLookup.FindIndicatorAsync(db, command.PlanCode, command.IndicatorCode, command.Caller,
            Access.Write, ct);
        var earlier = await db.TargetAdjustments.Where(a => a.IndicatorId == indicator.Id).ToListAsync(ct);
        var request = command.Request;
        var after = request.Targets!.Select(t => new Target(t!.Year!.Value, t.Value, t.Qualifier, t.Raw, t.Derived ?? false))
            .OrderBy(t => t.Year).ToList();
        var adjustment = TargetAdjustment.Adjust(plan, indicator, earlier, after, request.Reason!.Trim(), request.DocumentNumber!.Trim(),
            request.ApprovedOn!.Value, request.AdjustedOn!.Value, command.Caller.FindFirst("client_id")?.Value, clock.GetUtcNow());
        db.TargetAdjustments.Add(adjustment);
        // The answer names the adjustment's id, which the database assigns.
        await db.SaveChangesAsync(ct);
        return AdjustmentResponse.From(adjustment);
    }
}

/// <summary>An indicator's target history: the document's targets, those in force today, and every adjustment.</summary>
public sealed record GetAdjustments(string PlanCode, string IndicatorCode, ClaimsPrincipal Caller) : IQuery<AdjustmentHistoryResponse>;

internal sealed class GetAdjustmentsHandler(PlansDbContext db, TimeProvider clock) : IQueryHandler<GetAdjustments, AdjustmentHistoryResponse>
{
    public async ValueTask<AdjustmentHistoryResponse> Handle(GetAdjustments query, CancellationToken ct)
    {
        var (_, indicator) = await PlanLookup.FindIndicatorAsync(db, query.PlanCode, query.IndicatorCode, query.Caller, Access.Read, ct);
        var adjustments = await db.TargetAdjustments.AsNoTracking().Where(a => a.IndicatorId == indicator.Id)
            .OrderBy(a => a.AdjustedOn).ThenBy(a => a.Id).ToListAsync(ct);
        return new AdjustmentHistoryResponse(indicator.PlanCode, indicator.Code,
            indicator.Targets.OrderBy(t => t.Year).Select(TargetValue.From).ToList(),
            TargetAdjustment.InForce(indicator, adjustments, clock.Today()).Select(TargetValue.From).ToList(),
            adjustments.Select(AdjustmentResponse.From).ToList());
    }
}
