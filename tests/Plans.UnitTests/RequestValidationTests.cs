using FluentValidation;
using ServiceDefaults.Validation;

namespace Plans.UnitTests;

public class RequestValidationTests
{
    public sealed record Baseline(int? Year);

    public sealed record Fields(Baseline? Baseline, string? Name);

    private sealed class FieldsValidator : AbstractValidator<Fields>
    {
        public FieldsValidator()
        {
            RuleFor(f => f.Baseline!.Year).NotNull().When(f => f.Baseline is not null);
            RuleFor(f => f.Name).NotEmpty();
        }
    }

    [Fact]
    public void Errors_name_the_whole_camelCase_path_of_a_nested_member_as_the_JSON_does()
    {
        RequestValidation.ConfigureGlobalOptions();

        var result = new FieldsValidator().Validate(new Fields(new Baseline(null), null));

        result.Errors.Select(e => e.PropertyName).Should().BeEquivalentTo("baseline.year", "name");
    }
}
