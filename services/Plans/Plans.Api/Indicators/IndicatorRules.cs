using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using Plans.Api.RegisterMetrics;

namespace Plans.Api.Indicators;

/// <summary>The years a plan runs, which its indicators' targets must fall within.</summary>
public sealed record PlanPeriod(int Start, int End)
{
    public bool Contains(int year) => year >= Start && year <= End;

    public static Task<PlanPeriod?> OfAsync(PlansDbContext db, string planCode, CancellationToken ct) =>
        db.Plans.Where(p => p.Code == planCode).Select(p => new PlanPeriod(p.Details.PeriodStart, p.Details.PeriodEnd))
            .SingleOrDefaultAsync(ct);
}

/// <summary>
/// The rules of an indicator's fields, for every message that carries them (creating, updating,
/// reseeding). The plan's period comes from the caller: from the database for an indicator of a
/// stored plan, from the seed file for a plan being reseeded. A metric must be a key that a register
/// source serves. Generic, so that no validator of the
/// bare fields is registered and each message is validated once, by the pipeline.
/// </summary>
internal sealed class IndicatorFieldsRules<T> : AbstractValidator<T> where T : IndicatorFields
{
    public IndicatorFieldsRules(Func<T, CancellationToken, Task<PlanPeriod?>> periodOf, RegisterSources sources)
    {
        RuleFor(i => i.Name).NotEmpty().MaximumLength(300);
        RuleFor(i => i.NameEn).MaximumLength(500);
        RuleFor(i => i.Unit).MaximumLength(50);
        RuleFor(i => i.Measure).NotNull();
        RuleFor(i => i.Direction).NotNull();
        // Child rules, so that errors name baseline.year rather than a bare 'year'.
        RuleFor(i => i.Baseline!).ChildRules(baseline =>
        {
            baseline.RuleFor(b => b.Year).NotNull().InclusiveBetween(1949, 2100);
            baseline.RuleFor(b => b.Value).NotNull().PrecisionScale(20, 4, true);
            baseline.RuleFor(b => b.Raw).MaximumLength(200);
        });
        RuleFor(i => i.Baseline).NotNull().When(i => i.Measure == Domain.Measure.Increment)
            .WithMessage("An increment target is an increase over the baseline, so 'baseline' is required.");
        RuleFor(i => i.Targets).NotEmpty().WithMessage("At least one target is required.");
        RuleForEach(i => i.Targets).NotNull().ChildRules(target =>
        {
            target.RuleFor(t => t.Year).NotNull().InclusiveBetween(1949, 2100);
            target.RuleFor(t => t.Value).NotNull().When(t => string.IsNullOrWhiteSpace(t.Raw))
                .WithMessage("A target needs a value, or the document's raw wording when it sets no figure.");
            target.RuleFor(t => t.Value).PrecisionScale(20, 4, true);
            target.RuleFor(t => t.Raw).MaximumLength(200);
        });
        RuleFor(i => i.Category).MaximumLength(100);
        RuleForEach(i => i.Flags).NotNull().ChildRules(flag =>
        {
            flag.RuleFor(f => f.Code).NotEmpty().Matches("^[a-z][A-Za-z0-9]{0,49}$")
                .WithMessage("A flag code is a short camelCase word, such as textTableConflict.");
            flag.RuleFor(f => f.Message).NotEmpty().MaximumLength(1000);
        });
        RuleFor(i => i.Targets)
            .Must(targets => targets!.OfType<TargetInput>().Select(t => t.Year).Distinct().Count() == targets!.OfType<TargetInput>().Count())
            .When(i => i.Targets is { Count: > 0 })
            .WithMessage("Each target must be for a different year.");
        RuleFor(i => i.Targets)
            .Must((indicator, targets) => targets!.OfType<TargetInput>().All(t => t.Year is null || t.Year > indicator.Baseline!.Year))
            .When(i => i.Targets is { Count: > 0 } && i.Baseline?.Year is not null)
            .WithMessage("Every target year must be after the baseline year.");
        RuleFor(i => i.Targets).CustomAsync(async (targets, context, ct) =>
        {
            if (await periodOf(context.InstanceToValidate, ct) is not { } period)
            {
                return;
            }

            for (var index = 0; index < targets!.Count; index++)
            {
                if (targets[index]?.Year is { } year && !period.Contains(year))
                {
                    context.AddFailure($"targets[{index}].year",
                        $"The plan runs from {period.Start} to {period.End}; a target for {year} falls outside it.");
                }
            }
        }).When(i => i.Targets is { Count: > 0 });
        RuleFor(i => i.Metric).Must(metric => sources.Parse(metric) is not null)
            .When(i => !string.IsNullOrWhiteSpace(i.Metric))
            .WithMessage(i => $"'{i.Metric}' is not a known register metric. Known: {sources.KeySummary}.");
        RuleFor(i => i.Source).MaximumLength(500);
        RuleFor(i => i.Notes).MaximumLength(2000);
        RuleForEach(i => i.LeadUnits).NotEmpty().MaximumLength(200);
        RuleForEach(i => i.ResponsibleUnits).NotEmpty().MaximumLength(200);
    }
}

/// <summary>The rules of a new indicator: its code, and its fields.</summary>
internal sealed class CreateIndicatorRules<T> : AbstractValidator<T> where T : CreateIndicatorRequest
{
    public CreateIndicatorRules(Func<T, CancellationToken, Task<PlanPeriod?>> periodOf, RegisterSources sources)
    {
        RuleFor(i => i.Code).NotEmpty().Matches(Codes.Pattern).WithMessage(Codes.Message);
        Include(new IndicatorFieldsRules<T>(periodOf, sources));
    }
}
