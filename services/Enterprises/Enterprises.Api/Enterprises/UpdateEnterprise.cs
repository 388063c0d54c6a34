using System.Security.Claims;
using Enterprises.Api.Data;
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
        EnterpriseLookup.EnsureWritable(command.Caller, enterprise);
        var details = command.ToDetails();
        EnterpriseLookup.EnsureWritable(command.Caller, details.RegionCode, details.ZoneCode);
        var firstRecords = details.FoundedOn == enterprise.FoundedOn
            ? null
            : await EnterpriseLookup.FirstRecordsAsync(db, enterprise.CreditCode, cancellationToken);
        var changed = enterprise.Change(details, firstRecords, clock.GetUtcNow());
        if (changed)
        {
            events.Publish(EventFactory.Updated(enterprise));
        }

        return EnterpriseResult.Of(enterprise, changed);
    }
}
