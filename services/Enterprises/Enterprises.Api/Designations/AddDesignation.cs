using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Events;
using EventBus;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SharedKernel.Time;

namespace Enterprises.Api.Designations;

/// <summary>
/// POST /api/v1/enterprises/{creditCode}/designations: adds a current designation and publishes
/// DesignationAdded; a step up (Listed, Unicorn) also ends the current step below it (ListingReserve,
/// PotentialUnicorn) on the same day and publishes its DesignationEnded.
/// </summary>
public sealed record AddDesignation : AddDesignationRequest, ICommand<DesignationResult>
{
    public AddDesignation(string creditCode, AddDesignationRequest request, ClaimsPrincipal caller) : base(request)
    {
        CreditCode = creditCode;
        Caller = caller;
    }

    public string CreditCode { get; }

    /// <summary>Who adds it: a caller confined to a region designates only enterprises there.</summary>
    public ClaimsPrincipal Caller { get; }
}

/// <summary>The shape of the request; the board, the dates against today and the founding, and overlaps are the entity's rules.</summary>
internal sealed class AddDesignationValidator : AbstractValidator<AddDesignation>
{
    public AddDesignationValidator()
    {
        RuleFor(d => d.Kind).NotNull();
        RuleFor(d => d.Since).NotNull();
        RuleFor(d => d.Notes).MaximumLength(2000);
        RuleFor(d => d.DocumentReference).MaximumLength(500);
    }
}

/// <summary>
/// The enterprise's row is locked first, so that two designations of one kind sent at once are
/// checked one after the other (a unique index on the current ones holds the rule in the database as
/// well). The row is saved before the events, which carry its id; the unit of work commits them together.
/// </summary>
internal sealed class AddDesignationHandler(EnterprisesDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<AddDesignation, DesignationResult>
{
    public async ValueTask<DesignationResult> Handle(AddDesignation command, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindLockedAsync(db, command.CreditCode, cancellationToken);
        EnterpriseLookup.EnsureWritable(command.Caller, enterprise);
        var held = await db.Designations.Where(d => d.CreditCode == enterprise.CreditCode && !d.Withdrawn).ToListAsync(cancellationToken);
        var designated = enterprise.Designate(command.Kind!.Value, command.Board, command.Since!.Value, command.Notes, command.DocumentReference,
            held, clock.Today(), clock.GetUtcNow());
        db.Designations.Add(designated.Added);
        await db.SaveChangesAsync(cancellationToken);
        if (designated.SteppedUpFrom is { } below)
        {
            events.Publish(EventFactory.Ended(below, enterprise));
        }

        events.Publish(EventFactory.Added(designated.Added, enterprise));
        return DesignationResult.Of(designated.Added);
    }
}
