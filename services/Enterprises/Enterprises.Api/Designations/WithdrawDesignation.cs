using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Events;
using EventBus;
using FluentValidation;
using Mediator;
using ServiceDefaults.Http;
using SharedKernel.Time;

namespace Enterprises.Api.Designations;

/// <summary>
/// POST .../designations/{id}/withdraw: marks a designation (current or ended) as recorded in error,
/// so that it counts nowhere, and publishes DesignationEnded with Withdrawn = true and EndedOn = today
/// (If-Match honoured when sent).
/// </summary>
public sealed record WithdrawDesignation : WithdrawDesignationRequest, ICommand<DesignationResult>
{
    public WithdrawDesignation(string creditCode, long id, WithdrawDesignationRequest request, IfMatch ifMatch, ClaimsPrincipal caller)
        : base(request)
    {
        CreditCode = creditCode;
        Id = id;
        IfMatch = ifMatch;
        Caller = caller;
    }

    public string CreditCode { get; }
    public long Id { get; }
    public IfMatch IfMatch { get; }

    /// <summary>Who withdraws it: a caller confined to a region withdraws only designations of enterprises there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class WithdrawDesignationValidator : AbstractValidator<WithdrawDesignation>
{
    public WithdrawDesignationValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
}

internal sealed class WithdrawDesignationHandler(EnterprisesDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<WithdrawDesignation, DesignationResult>
{
    public async ValueTask<DesignationResult> Handle(WithdrawDesignation command, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, command.CreditCode, cancellationToken);
        EnterpriseLookup.EnsureWritable(command.Caller, enterprise);
        var designation = await DesignationLookup.FindAsync(db, enterprise, command.Id, cancellationToken);
        command.IfMatch.RequireIfPresent(designation.Version);
        designation.Withdraw(command.Reason!, clock.Today(), clock.GetUtcNow());
        events.Publish(EventFactory.Withdrawn(designation, enterprise));
        return DesignationResult.Of(designation);
    }
}
