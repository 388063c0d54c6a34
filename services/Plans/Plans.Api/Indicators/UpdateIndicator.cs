using System.Security.Claims;
using FluentValidation;
using Mediator;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Plans;
using Plans.Api.RegisterMetrics;

namespace Plans.Api.Indicators;

/// <summary>
/// Replaces an indicator's fields: the PATCH endpoint's merge patch applied to the indicator as read.
/// Once the plan is published only the annotations (nameEn, category, metric, source, notes, flags) and the units may differ.
/// </summary>
public sealed record UpdateIndicator : IndicatorFields, ICommand<Versioned<IndicatorResponse>>
{
    public UpdateIndicator(string planCode, string indicatorCode, IndicatorFields fields, long? expectedVersion, ClaimsPrincipal caller)
        : base(fields)
    {
        PlanCode = planCode;
        IndicatorCode = indicatorCode;
        ExpectedVersion = expectedVersion;
        Caller = caller;
    }

    public string PlanCode { get; }
    public string IndicatorCode { get; }
    public long? ExpectedVersion { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class UpdateIndicatorValidator : AbstractValidator<UpdateIndicator>
{
    public UpdateIndicatorValidator(PlansDbContext db, RegisterSources sources) =>
        Include(new IndicatorFieldsRules<UpdateIndicator>((command, ct) => PlanPeriod.OfAsync(db, command.PlanCode, ct), sources));
}

internal sealed class UpdateIndicatorHandler(PlansDbContext db, TimeProvider clock)
    : ICommandHandler<UpdateIndicator, Versioned<IndicatorResponse>>
{
    public async ValueTask<Versioned<IndicatorResponse>> Handle(UpdateIndicator command, CancellationToken ct)
    {
        var (plan, indicator) = await PlanLookup.FindIndicatorAsync(db, command.PlanCode, command.IndicatorCode, command.Caller,
            Access.Write, ct);
        db.Expect(indicator, command.ExpectedVersion);
        indicator.Update(plan, command.ToDefinition(), command.ToTargets(), command.ToAnnotations(), command.ToFlags(), command.ToUnits(),
            clock.GetUtcNow());
        return new(IndicatorResponse.From(indicator), indicator.Version);
    }
}
