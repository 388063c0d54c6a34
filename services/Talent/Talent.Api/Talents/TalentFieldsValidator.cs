using FluentValidation;
using SharedKernel.Time;
using Talent.Api.Domain;
using Talent.Api.Validation;

namespace Talent.Api.Talents;

/// <summary>
/// The rules of a person's fields, shared by the commands that set them. Abstract, so that no
/// validator of <see cref="TalentFields"/> itself is registered: a merge patch is validated once, as
/// the <see cref="UpdateTalent"/> command it becomes. No message repeats a value: a phone is personal data.
/// </summary>
internal abstract class TalentFieldsValidator<T> : AbstractValidator<T> where T : TalentFields
{
    protected void RuleForFields(TimeProvider clock)
    {
        RuleFor(t => t.Name).NotEmpty().MaximumLength(100);
        RuleFor(t => t.Phone).MustBePhone();
        // The current year is read as each value is checked: the validator is built once for the process (ServiceDefaults).
        RuleFor(t => t.BirthYear).Must(year => year is not { } born || (born >= ResidentIdentityNumber.EarliestBirthDate.Year && born <= clock.Today().Year))
            .WithMessage("'birthYear' must be a year from 1900 to the current one.");
        RuleFor(t => t.Title).MaximumLength(100);
        RuleFor(t => t.Field).MaximumLength(100);
        RuleFor(t => t.EmployerCreditCode).MustBeCreditCodeShape();
        RuleFor(t => t.RegionCode).NotEmpty().MustBeDistrict();
        RuleFor(t => t.ZoneCode).MustBeZone();
    }
}
