using FluentValidation;
using Platforms.Api.Catalog;
using Platforms.Api.Domain;
using Platforms.Api.Validation;

namespace Platforms.Api.Platforms;

/// <summary>
/// The form of a platform's fields, shared by the commands that set them; the rules that need the
/// type (its levels and designations) and the date are the platform's own. Abstract, so that no
/// validator of <see cref="PlatformFields"/> itself is registered: a merge patch is validated once,
/// as the <see cref="UpdatePlatform"/> command it becomes.
/// </summary>
internal abstract class PlatformFieldsValidator<T> : AbstractValidator<T> where T : PlatformFields
{
    protected void RuleForFields()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(200);
        RuleFor(p => p.NameEn).MaximumLength(300);
        RuleFor(p => p.Level).NotNull();
        RuleForEach(p => p.Designations).NotEmpty().Must(d => PlatformTypeOptions.DesignationPattern().IsMatch(d.Trim()))
            .WithMessage("A designation is a word such as 'specialized'; see GET /api/v1/platforms/types.");
        RuleFor(p => p.RegionCode).MustBeDistrict();
        RuleFor(p => p.ZoneCode).MustBeZone();
        RuleFor(p => p.LocationAbroad!).SetValidator(new LocationAbroadValidator());
        RuleFor(p => p.HostCreditCode).MustBeCreditCode().When(p => p.NormalizedHostCreditCode is not null);
        RuleFor(p => p.HostName).MaximumLength(200);
        RuleFor(p => p.HostCreditCode).Must((p, _) => p.NormalizedHostCreditCode is not null || !string.IsNullOrWhiteSpace(p.HostName))
            .WithMessage("A host is required: 'hostCreditCode' for an enterprise, or 'hostName' with 'hostKind' for a university, institute or hospital.");
        RuleFor(p => p.HostName).Must((p, name) => p.NormalizedHostCreditCode is null || string.IsNullOrWhiteSpace(name))
            .WithMessage("An enterprise host is named by the register; give 'hostCreditCode' or 'hostName', not both.");
        RuleFor(p => p.HostKind).Must((p, kind) => kind is null or HostKind.Enterprise)
            .When(p => p.NormalizedHostCreditCode is not null)
            .WithMessage("A host given by credit code is an enterprise.");
        RuleFor(p => p.HostKind).Must(kind => kind is HostKind.University or HostKind.Institute or HostKind.Hospital)
            .When(p => p.NormalizedHostCreditCode is null && !string.IsNullOrWhiteSpace(p.HostName))
            .WithMessage("A host given by name is a university, institute or hospital; an enterprise host is given by 'hostCreditCode'.");
        RuleFor(p => p.Field).MaximumLength(100);
        RuleFor(p => p.ApprovedOn).NotNull().GreaterThanOrEqualTo(new DateOnly(1978, 1, 1));
        RuleFor(p => p.DocumentNumber).MaximumLength(100);
    }
}

/// <summary>Where a platform abroad is: a country other than China, as the column stores it (two letters), and a city.</summary>
internal sealed class LocationAbroadValidator : AbstractValidator<LocationAbroad>
{
    private const string CountryRule = "Give the ISO 3166-1 alpha-2 code of the country, such as DE.";

    public LocationAbroadValidator()
    {
        RuleFor(l => l.Country).Cascade(CascadeMode.Stop).NotEmpty()
            .Length(2).WithMessage(CountryRule)
            .Must(c => c!.All(char.IsAsciiLetter)).WithMessage(CountryRule)
            .Must(c => !c!.Equals("CN", StringComparison.OrdinalIgnoreCase)).WithMessage("A platform in China is not abroad; leave 'locationAbroad' out.");
        RuleFor(l => l.City).MaximumLength(100);
    }
}
