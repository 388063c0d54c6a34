using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using Plans.Api.RegisterMetrics;
using SharedKernel.Errors;

namespace Plans.Api.Indicators;

/// <summary>Adds an indicator to a draft plan: the API's POST, and the seed loader's for each indicator of a new plan.</summary>
public sealed record CreateIndicator : CreateIndicatorRequest, ICommand<Versioned<IndicatorResponse>>
{
    public CreateIndicator(string planCode, CreateIndicatorRequest request, ClaimsPrincipal caller) : base(request)
    {
        PlanCode = planCode;
        Caller = caller;
    }

    public string PlanCode { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class CreateIndicatorValidator : AbstractValidator<CreateIndicator>
{
    public CreateIndicatorValidator(PlansDbContext db, RegisterSources sources) =>
        Include(new CreateIndicatorRules<CreateIndicator>((command, ct) => PlanPeriod.OfAsync(db, command.PlanCode, ct), sources));
}

internal sealed class CreateIndicatorHandler(PlansDbContext db, TimeProvider clock)
    : ICommandHandler<CreateIndicator, Versioned<IndicatorResponse>>
{
    public async ValueTask<Versioned<IndicatorResponse>> Handle(CreateIndicator command, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, command.PlanCode, command.Caller, Access.Write, ct);
        var indicator = Indicator.Create(plan, command.Code!, command.ToDefinition(), command.ToTargets(), command.ToAnnotations(),
            command.ToFlags(), command.ToUnits(), clock.GetUtcNow());
        if (await db.Indicators.AnyAsync(i => i.PlanCode == plan.Code && i.Code == indicator.Code, ct))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, $"Plan '{plan.Code}' already has an indicator '{indicator.Code}'.");
        }

        db.Indicators.Add(indicator);
        return new(IndicatorResponse.From(indicator), indicator.Version);
    }
}
