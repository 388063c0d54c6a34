using SharedKernel.Errors;
using SharedKernel.Time;
using SharedKernel.Access;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Eligibility;
using Enterprises.Api.Enterprises;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Paging;
using ServiceDefaults.Problems;

namespace Enterprises.Api.CultivationPool;

/// <summary>One page of the cultivation pool, with the year and rule set it was drawn up under.</summary>
/// <param name="Items">The candidates on this page.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">The page size asked for.</param>
/// <param name="TotalCount">How many candidates there are on all pages.</param>
/// <param name="Year">The application year.</param>
/// <param name="MaxMissing">The most criteria a candidate may miss.</param>
/// <param name="RuleSet">The HighTech rule set in force for the year.</param>
public sealed record CultivationPoolResponse(
    IReadOnlyList<PoolCandidate> Items,
    int Page,
    int PageSize,
    int TotalCount,
    int Year,
    int MaxMissing,
    RuleSetResponse RuleSet);

/// <summary>The query of the pool.</summary>
/// <param name="Year">The application year (default: this year), 2000 to next year.</param>
/// <param name="MaxMissing">The most criteria a candidate may miss, 0–3 (default 1); undetermined ones count as missing.</param>
/// <param name="RegionCode">Only enterprises of this region, the regions below it, or this functional zone.</param>
public sealed record CultivationPoolQuery(int? Year, int? MaxMissing, string? RegionCode);

public static class CultivationPoolApi
{
    public static RouteGroupBuilder MapCultivationPoolApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/cultivation-pool").WithTags("Eligibility");
        group.MapGet("/", GetPool).WithName("GetCultivationPool")
            .WithSummary("Enterprises without a valid HighTech qualification that meet or nearly meet the HighTech rules, "
                + "with the criteria they miss and by how much; ordered by the number missed, then name")
            .RequireAuthorization(Scopes.EnterprisesRead);
        return group;
    }

    private static async Task<Ok<CultivationPoolResponse>> GetPool([AsParameters] CultivationPoolQuery query,
        [AsParameters] PageQuery paging, EnterprisesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = clock.Today();
        var year = EligibilityInputs.YearOf(query.Year, today);
        var maxMissing = MaxMissingOf(query.MaxMissing);
        paging.EnsureValid();
        if (!string.IsNullOrWhiteSpace(paging.Sort))
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, "The pool has a fixed order.",
                new Dictionary<string, string[]> { ["sort"] = ["The pool is ordered by the number of criteria missed, then by name."] });
        }

        var rules = RuleSetRegistry.Default.InForce(EligibilityType.HighTech, year)
            ?? throw new RuleViolationException("year",
                $"No HighTech rule set in force for {year} is held; the earliest applies from {RuleSetRegistry.Default.Earliest(EligibilityType.HighTech)!.EffectiveFrom:yyyy-MM-dd}.");

        var enterprises = db.Enterprises.AsNoTracking().Where(e => !e.Qualifications.Any(q => q.Type == QualificationType.HighTech
            && q.Status == QualificationStatus.Valid && q.GrantedOn <= today && q.ExpiresOn >= today));
        if (!string.IsNullOrWhiteSpace(query.RegionCode))
        {
            enterprises = enterprises.InRegion(query.RegionCode, "regionCode");
        }

        var from = EligibilityInputs.EarliestReportYear(year);
        var reports = (await db.AnnualReports.AsNoTracking()
                .Where(r => r.Year >= from && r.Year < year && enterprises.Select(e => e.CreditCode).Contains(r.CreditCode))
                .ToListAsync(ct))
            .ToLookup(r => r.CreditCode, EligibilityInputs.FiguresOf);
        var inputs = (await enterprises.ToListAsync(ct)).Select(e => new PoolInput(e.CreditCode, e.Name, e.RegionCode, e.ZoneCode,
            rules.Evaluate(EligibilityInputs.FactsOf(e), reports[e.CreditCode], year)));

        var pool = CultivationPoolSelector.Select(inputs, maxMissing);
        // In long: page × pageSize can pass int.MaxValue, and a wrapped (negative) skip would answer the first page.
        var skip = (long)(paging.PageNumber - 1) * paging.Size;
        var page = pool.Skip((int)Math.Min(skip, int.MaxValue)).Take(paging.Size).ToList();
        return TypedResults.Ok(new CultivationPoolResponse(page, paging.PageNumber, paging.Size, pool.Count, year, maxMissing,
            RuleSetResponse.From(rules)));
    }

    private static int MaxMissingOf(int? maxMissing)
    {
        var value = maxMissing ?? CultivationPoolSelector.DefaultMaxMissing;
        if (value is < 0 or > CultivationPoolSelector.MaxMaxMissing)
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, $"maxMissing {value} is out of range.",
                new Dictionary<string, string[]> { ["maxMissing"] = [$"'maxMissing' must be between 0 and {CultivationPoolSelector.MaxMaxMissing}."] });
        }

        return value;
    }
}
