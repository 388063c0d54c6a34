using FluentValidation;
using Plans.Api.Domain;
using Plans.Api.Plans;

namespace Plans.Api.Indicators;

internal sealed class IndicatorFieldsValidator : AbstractValidator<IndicatorFields>
{
    public IndicatorFieldsValidator()
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
        RuleFor(i => i.Metric).Must(metric => MetricKey.IsValid(metric!))
            .When(i => !string.IsNullOrWhiteSpace(i.Metric))
            .WithMessage(i => $"'{i.Metric}' is not a known register metric. Known: {MetricKey.Documentation}.");
        RuleFor(i => i.Source).MaximumLength(500);
        RuleFor(i => i.Notes).MaximumLength(2000);
    }
}

internal sealed class CreateIndicatorRequestValidator : AbstractValidator<CreateIndicatorRequest>
{
    public CreateIndicatorRequestValidator()
    {
        RuleFor(i => i.Code).NotEmpty().Matches(Codes.Pattern).WithMessage(Codes.Message);
        Include(new IndicatorFieldsValidator());
    }
}
