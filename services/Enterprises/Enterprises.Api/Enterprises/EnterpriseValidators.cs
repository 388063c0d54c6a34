using SharedKernel.Time;
using Enterprises.Api.Domain;
using FluentValidation;
using SharedKernel.Regions;

namespace Enterprises.Api.Enterprises;

internal sealed class EnterpriseFieldsValidator : AbstractValidator<EnterpriseFields>
{
    public EnterpriseFieldsValidator(TimeProvider clock)
    {
        RuleFor(e => e.Name).NotEmpty().MaximumLength(200);
        RuleFor(e => e.NameEn).MaximumLength(300);
        RuleFor(e => e.RegionCode).NotEmpty().Must(code => RegionCodes.Find(code) is not null)
            .WithMessage(e => $"Region '{e.RegionCode}' does not exist; see GET /api/v1/regions.")
            .Must(code => RegionCodes.Find(code)!.Kind == RegionKind.District)
            .WithMessage(e => $"'{e.RegionCode}' is not a district; give the district the enterprise is registered in (the zone goes in 'zoneCode').");
        RuleFor(e => e.ZoneCode).Must(code => RegionCodes.Find(code)?.Kind == RegionKind.FunctionalZone)
            .When(e => !string.IsNullOrWhiteSpace(e.ZoneCode))
            .WithMessage(e => $"'{e.ZoneCode}' is not a functional zone; use one of {string.Join(", ", Zones)}.");
        RuleFor(e => e.Industry).MaximumLength(100);
        RuleFor(e => e.FoundedOn).NotNull()
            .GreaterThanOrEqualTo(new DateOnly(1800, 1, 1))
            .LessThanOrEqualTo(_ => clock.Today()).WithMessage("'foundedOn' must not be in the future.");
    }

    private static IEnumerable<string> Zones => RegionCodes.All.Where(r => r.Kind == RegionKind.FunctionalZone).Select(r => r.Code);
}

internal sealed class CreateEnterpriseRequestValidator : AbstractValidator<CreateEnterpriseRequest>
{
    public CreateEnterpriseRequestValidator(TimeProvider clock)
    {
        RuleFor(e => e.CreditCode).NotEmpty().Custom((code, context) =>
        {
            if (Domain.CreditCode.Problem(EnterpriseLookup.Normalize(code)) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        Include(new EnterpriseFieldsValidator(clock));
    }
}
