using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Events;
using EventBus;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SharedKernel.Time;

namespace Enterprises.Api.Qualifications;

/// <summary>POST /api/v1/enterprises/{creditCode}/qualifications: grants a qualification and publishes QualificationGranted.</summary>
public sealed record GrantQualification : GrantQualificationRequest, ICommand<QualificationResponse>
{
    public GrantQualification(string creditCode, GrantQualificationRequest request, ClaimsPrincipal caller) : base(request)
    {
        CreditCode = creditCode;
        Caller = caller;
    }

    public string CreditCode { get; }

    /// <summary>Who grants it: a caller confined to a region grants only to enterprises there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class GrantQualificationValidator : AbstractValidator<GrantQualification>
{
    public GrantQualificationValidator(TimeProvider clock)
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

/// <summary>
/// The enterprise's row is locked first, so that two overlapping grants sent at once are checked one
/// after the other. The row is saved before the event, which carries its id; the unit of work's
/// transaction commits both, or neither. A grant whose term has already ended reports both events.
/// </summary>
internal sealed class GrantQualificationHandler(EnterprisesDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<GrantQualification, QualificationResponse>
{
    public async ValueTask<QualificationResponse> Handle(GrantQualification command, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindLockedAsync(db, command.CreditCode, cancellationToken);
        EnterpriseLookup.EnsureWritable(command.Caller, enterprise);
        var type = command.Type!.Value;
        var held = await db.Qualifications
            .Where(q => q.CreditCode == enterprise.CreditCode && q.Type == type && q.Status == QualificationStatus.Valid)
            .ToListAsync(cancellationToken);
        var qualification = enterprise.Grant(type, command.CertificateNumber, command.GrantedOn!.Value, command.ExpiresOn, held, clock.Today());
        db.Qualifications.Add(qualification);
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(EventFactory.Granted(qualification, enterprise));
        if (qualification.Status == QualificationStatus.Expired)
        {
            events.Publish(EventFactory.Expired(qualification, enterprise.RegionCode, enterprise.ZoneCode));
        }

        return QualificationResponse.From(qualification);
    }
}
