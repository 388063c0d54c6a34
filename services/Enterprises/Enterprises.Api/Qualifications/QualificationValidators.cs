using SharedKernel.Time;
using Enterprises.Api.Domain;
using FluentValidation;

namespace Enterprises.Api.Qualifications;

internal sealed class GrantQualificationRequestValidator : AbstractValidator<GrantQualificationRequest>
{
    public GrantQualificationRequestValidator(TimeProvider clock)
    {
        RuleFor(q => q.Type).NotNull();
        RuleFor(q => q.CertificateNumber).MaximumLength(100);
        RuleFor(q => q.GrantedOn).NotNull().GreaterThanOrEqualTo(new DateOnly(1988, 1, 1))
            .LessThanOrEqualTo(_ => clock.Today()).WithMessage("'grantedOn' must not be in the future.");
        RuleFor(q => q.ExpiresOn).NotNull()
            .When(q => q.Type is { } type && QualificationTerms.NeedsExplicitExpiry(type))
            .WithMessage(q => $"'expiresOn' is required for {q.Type}: its term is set by each decision.");
        RuleFor(q => q.ExpiresOn).GreaterThan(q => q.GrantedOn)
            .When(q => q.ExpiresOn is not null && q.GrantedOn is not null)
            .WithMessage("'expiresOn' must be after 'grantedOn'.");
    }
}

internal sealed class RevokeQualificationRequestValidator : AbstractValidator<RevokeQualificationRequest>
{
    public RevokeQualificationRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
    }
}
