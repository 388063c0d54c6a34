using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;

namespace Plans.Api.Observations;

/// <summary>Records a value of an indicator for a year; a later value for the same year corrects the earlier.</summary>
/// <param name="Source">Where the figure comes from; a bulk import sends the same figure again only when its source's differs.</param>
public sealed record CreateObservation(string PlanCode, string IndicatorCode, int? Year, decimal? Value, string? Note,
    ClaimsPrincipal Caller, string? Source = null) : ICommand<ObservationResponse>;

internal sealed class CreateObservationValidator : AbstractValidator<CreateObservation>
{
    public CreateObservationValidator()
    {
        RuleFor(o => o.Year).NotNull().InclusiveBetween(1949, 2100);
        RuleFor(o => o.Value).NotNull().PrecisionScale(20, 4, true);
        RuleFor(o => o.Note).MaximumLength(2000);
        RuleFor(o => o.Source).MaximumLength(200);
    }
}

internal sealed class CreateObservationHandler(PlansDbContext db, TimeProvider clock) : ICommandHandler<CreateObservation, ObservationResponse>
{
    public async ValueTask<ObservationResponse> Handle(CreateObservation command, CancellationToken ct)
    {
        var (plan, indicator) = await PlanLookup.FindIndicatorAsync(db, command.PlanCode, command.IndicatorCode, command.Caller,
            Access.Report, ct);
        Observation.EnsureYearOpen(indicator, command.Year!.Value, await db.Observations.AnyAsync(
            o => o.IndicatorId == indicator.Id && o.Year == command.Year && o.Status == ApprovalStatus.Approved, ct));
        var observation = Observation.Manual(plan, indicator, command.Year!.Value, command.Value!.Value,
            command.Caller.FindFirst("client_id")?.Value, string.IsNullOrWhiteSpace(command.Source) ? null : command.Source.Trim(), command.Note,
            clock.GetUtcNow());
        db.Observations.Add(observation);
        // The answer names the observation's id, which the database assigns.
        await db.SaveChangesAsync(ct);
        return ObservationResponse.From(observation);
    }
}
