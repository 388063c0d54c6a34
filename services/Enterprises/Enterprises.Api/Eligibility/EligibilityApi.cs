using SharedKernel.Time;
using SharedKernel.Access;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enterprises.Api.Eligibility;

public static class EligibilityApi
{
    public static RouteGroupBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/{creditCode}/eligibility").WithTags("Eligibility");
        group.MapGet("/", GetEligibility).WithName("GetEligibility")
            .WithSummary("Each criterion of the rule set in force for the application year, with the figures used, and the verdict")
            .RequireAuthorization(Scopes.EnterprisesRead);
        return group;
    }

    /// <param name="creditCode">The enterprise.</param>
    /// <param name="type">HighTech, TechSme or Eagle.</param>
    /// <param name="year">The application year (default: this year), 2000 to next year.</param>
    private static async Task<Ok<EligibilityResponse>> GetEligibility(string creditCode, string? type, int? year,
        EnterprisesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var kind = EligibilityInputs.TypeOf(type);
        var applicationYear = EligibilityInputs.YearOf(year, clock.Today());
        var enterprise = await EnterpriseLookup.FindBareAsync(db, creditCode, ct);
        var registry = RuleSetRegistry.Default;
        if (registry.InForce(kind, applicationYear) is not { } rules)
        {
            var earliest = registry.Earliest(kind)!;
            return TypedResults.Ok(new EligibilityResponse(enterprise.CreditCode, enterprise.Name, kind, applicationYear, null,
                Verdict.Undetermined, [], [], [],
                $"No {kind} rule set in force for {applicationYear} is held; the earliest, {earliest.Id}, applies from {earliest.EffectiveFrom:yyyy-MM-dd}."));
        }

        var from = EligibilityInputs.EarliestReportYear(applicationYear);
        var reports = await db.AnnualReports.AsNoTracking()
            .Where(r => r.CreditCode == enterprise.CreditCode && r.Year >= from && r.Year < applicationYear)
            .ToListAsync(ct);
        var evaluation = rules.Evaluate(EligibilityInputs.FactsOf(enterprise), reports.Select(EligibilityInputs.FiguresOf), applicationYear);
        return TypedResults.Ok(new EligibilityResponse(enterprise.CreditCode, enterprise.Name, kind, applicationYear,
            RuleSetResponse.From(rules), evaluation.Verdict, evaluation.Criteria, evaluation.MissingReports, rules.NotAssessed, null));
    }
}
