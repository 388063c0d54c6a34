using Enterprises.Api.Data;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Validation;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Json;
using SharedKernel.Time;

namespace Enterprises.Api.Eligibility;

/// <summary>GET /api/v1/enterprises/{creditCode}/eligibility: the enterprise measured against the rules of a recognition.</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Type">HighTech, TechSme or Eagle.</param>
/// <param name="Year">The application year (default: this year), 2000 to next year.</param>
public sealed record GetEligibility([FromRoute] string CreditCode, string? Type, int? Year) : IQuery<EligibilityResponse>;

internal sealed class GetEligibilityValidator : AbstractValidator<GetEligibility>
{
    public GetEligibilityValidator(TimeProvider clock)
    {
        RuleFor(q => q.Type).NotEmpty()
            .WithMessage($"'type' is required; give one of: {string.Join(", ", StrictStringEnumConverter.NamesOf(typeof(EligibilityType)))}.")
            .MustName<GetEligibility, EligibilityType>();
        RuleFor(q => q.Year).MustBeApplicationYear(clock);
    }
}

internal sealed class GetEligibilityHandler(EnterprisesDbContext db, TimeProvider clock) : IQueryHandler<GetEligibility, EligibilityResponse>
{
    public async ValueTask<EligibilityResponse> Handle(GetEligibility query, CancellationToken cancellationToken)
    {
        var kind = EnumText.ParseOptional<EligibilityType>(query.Type, "type")!.Value;
        var applicationYear = EligibilityInputs.YearOf(query.Year, clock.Today());
        var enterprise = await EnterpriseLookup.FindBareAsync(db, query.CreditCode, cancellationToken);
        var registry = RuleSetRegistry.Default;
        if (registry.InForce(kind, applicationYear) is not { } rules)
        {
            var earliest = registry.Earliest(kind)!;
            return new EligibilityResponse(enterprise.CreditCode, enterprise.Name, kind, applicationYear, null, Verdict.Undetermined, [], [], [],
                $"No {kind} rule set in force for {applicationYear} is held; the earliest, {earliest.Id}, applies from {earliest.EffectiveFrom:yyyy-MM-dd}.");
        }

        var from = EligibilityInputs.EarliestReportYear(applicationYear);
        var reports = await db.AnnualReports.AsNoTracking()
            .Where(r => r.CreditCode == enterprise.CreditCode && r.Year >= from && r.Year < applicationYear)
            .ToListAsync(cancellationToken);
        var evaluation = rules.Evaluate(EligibilityInputs.FactsOf(enterprise), reports.Select(EligibilityInputs.FiguresOf), applicationYear);
        return new EligibilityResponse(enterprise.CreditCode, enterprise.Name, kind, applicationYear, RuleSetResponse.From(rules),
            evaluation.Verdict, evaluation.Criteria, evaluation.MissingReports, rules.NotAssessed, null);
    }
}
