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

/// <summary>POST .../designations/{id}/end: ends a current designation on a day and publishes DesignationEnded (If-Match honoured when sent).</summary>
public sealed record EndDesignation : EndDesignationRequest, ICommand<DesignationResult>
{
    public EndDesignation(string creditCode, long id, EndDesignationRequest request, IfMatch ifMatch, ClaimsPrincipal caller) : base(request)
    {
        CreditCode = creditCode;
        Id = id;
        IfMatch = ifMatch;
        Caller = caller;
    }

    public string CreditCode { get; }
    public long Id { get; }
    public IfMatch IfMatch { get; }

    /// <summary>Who ends it: a caller confined to a region ends only designations of enterprises there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class EndDesignationValidator : AbstractValidator<EndDesignation>
{
    public EndDesignationValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
}

internal sealed class EndDesignationHandler(EnterprisesDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<EndDesignation, DesignationResult>
{
    public async ValueTask<DesignationResult> Handle(EndDesignation command, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, command.CreditCode, cancellationToken);
        EnterpriseLookup.EnsureWritable(command.Caller, enterprise);
        var designation = await DesignationLookup.FindAsync(db, enterprise, command.Id, cancellationToken);
        command.IfMatch.RequireIfPresent(designation.Version);
        var today = clock.Today();
        designation.End(command.EndedOn ?? today, command.Reason!, today, clock.GetUtcNow());
        events.Publish(EventFactory.Ended(designation, enterprise));
        return DesignationResult.Of(designation);
    }
}
