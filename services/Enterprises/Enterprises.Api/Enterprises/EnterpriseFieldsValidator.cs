using Enterprises.Api.Domain;
using FluentValidation;
using SharedKernel.Regions;
using SharedKernel.Time;

namespace Enterprises.Api.Enterprises;

/// <summary>
/// The rules of an enterprise's fields, shared by the commands that set them. Abstract, so that no
/// validator of <see cref="EnterpriseFields"/> itself is registered: a merge patch is validated once,
/// as the <see cref="UpdateEnterprise"/> command it becomes.
/// </summary>
internal abstract class EnterpriseFieldsValidator<T> : AbstractValidator<T> where T : EnterpriseFields
{
    protected void RuleForFields(TimeProvider clock)
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
