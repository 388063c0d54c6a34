using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Events;
using EventBus;
using FluentValidation;
using Mediator;
using SharedKernel.Time;

namespace Enterprises.Api.Qualifications;

/// <summary>POST .../qualifications/{id}/revoke: revokes a valid qualification as of a day and publishes QualificationRevoked.</summary>
public sealed record RevokeQualification : RevokeQualificationRequest, ICommand<QualificationResponse>
{
    public RevokeQualification(string creditCode, long id, RevokeQualificationRequest request, ClaimsPrincipal caller) : base(request)
    {
        CreditCode = creditCode;
        Id = id;
        Caller = caller;
    }

    public string CreditCode { get; }
    public long Id { get; }

    /// <summary>Who revokes it: a caller confined to a region revokes only for enterprises there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class RevokeQualificationValidator : AbstractValidator<RevokeQualification>
{
    public RevokeQualificationValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
    }
}

internal sealed class RevokeQualificationHandler(EnterprisesDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<RevokeQualification, QualificationResponse>
{
    public async ValueTask<QualificationResponse> Handle(RevokeQualification command, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, command.CreditCode, cancellationToken);
        EnterpriseLookup.EnsureWritable(command.Caller, enterprise);
        var qualification = await QualificationLookup.FindAsync(db, enterprise, command.Id, cancellationToken);
        var today = clock.Today();
        qualification.Revoke(command.RevokedOn ?? today, command.Reason!.Trim(), today);
        events.Publish(EventFactory.Revoked(qualification, enterprise));
        return QualificationResponse.From(qualification);
    }
}
