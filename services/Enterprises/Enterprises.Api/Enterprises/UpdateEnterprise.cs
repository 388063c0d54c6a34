using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Events;
using EventBus;
using Mediator;
using SharedKernel.Time;

namespace Enterprises.Api.Enterprises;

/// <summary>
/// Sets an enterprise's details: the merged result of PATCH /api/v1/enterprises/{creditCode}, and each
/// CSV row of a credit code already held. Publishes EnterpriseUpdated only when something changed.
/// </summary>
public sealed record UpdateEnterprise : EnterpriseFields, ICommand<EnterpriseResult>
{
    public UpdateEnterprise(string creditCode, EnterpriseFields fields, ClaimsPrincipal caller) : base(fields)
    {
        CreditCode = creditCode;
        Caller = caller;
    }

    public string CreditCode { get; }

    /// <summary>Who changes it: a caller confined to a region changes only enterprises there, and cannot move one out.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class UpdateEnterpriseValidator : EnterpriseFieldsValidator<UpdateEnterprise>
{
    public UpdateEnterpriseValidator(TimeProvider clock) => RuleForFields(clock);
}

internal sealed class UpdateEnterpriseHandler(EnterprisesDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<UpdateEnterprise, EnterpriseResult>
{
    public async ValueTask<EnterpriseResult> Handle(UpdateEnterprise command, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindAsync(db, command.CreditCode, clock.Today(), cancellationToken);
        EnsureWritable(command, enterprise);
        var firstRecords = MovesFounding(command, enterprise)
            ? await EnterpriseLookup.FirstRecordsAsync(db, enterprise.CreditCode, cancellationToken)
            : null;
        var changed = enterprise.Change(command.ToDetails(), firstRecords, clock.GetUtcNow());
        if (changed)
        {
            events.Publish(EventFactory.Updated(enterprise));
        }

        return EnterpriseResult.Of(enterprise, changed);
    }

    // The rules below are shared with Csv.ImportEnterprisesHandler, which applies a validated command to an
    // enterprise it loaded with others, in the order this handler does: EnsureWritable, then Change with the
    // first records when MovesFounding.

    /// <summary>A caller confined to a region changes only enterprises there, and cannot move one out.</summary>
    public static void EnsureWritable(UpdateEnterprise command, Enterprise enterprise)
    {
        EnterpriseLookup.EnsureWritable(command.Caller, enterprise);
        var details = command.ToDetails();
        EnterpriseLookup.EnsureWritable(command.Caller, details.RegionCode, details.ZoneCode);
    }

    /// <summary>Whether the command moves the founding date, which <see cref="Enterprise.Change"/> checks against the first records.</summary>
    public static bool MovesFounding(UpdateEnterprise command, Enterprise enterprise) => command.FoundedOn != enterprise.FoundedOn;
}
