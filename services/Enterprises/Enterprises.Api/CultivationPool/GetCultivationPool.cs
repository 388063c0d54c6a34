using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Eligibility;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Validation;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Paging;
using SharedKernel.Time;

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

/// <summary>GET /api/v1/enterprises/cultivation-pool (高企培育库).</summary>
/// <param name="Year">The application year (default: this year), from the first year of the HighTech rules held (2016) to next year.</param>
/// <param name="MaxMissing">The most criteria a candidate may miss, 0–3 (default 1); undetermined ones count as missing.</param>
/// <param name="RegionCode">Only enterprises of this region, the regions below it, or this functional zone.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Not accepted: the pool is ordered by the number of criteria missed, then by name.</param>
public sealed record GetCultivationPool(int? Year, int? MaxMissing, string? RegionCode, int? Page, int? PageSize, string? Sort)
    : IQuery<CultivationPoolResponse>;

internal sealed class GetCultivationPoolValidator : AbstractValidator<GetCultivationPool>
{
    public GetCultivationPoolValidator(TimeProvider clock)
    {
        RuleFor(q => q.Year).MustBeApplicationYear(clock)
            .Must(year => RuleSetRegistry.Default.InForce(EligibilityType.HighTech, EligibilityInputs.YearOf(year, clock.Today())) is not null)
            .WithMessage(q => $"No HighTech rule set in force for {EligibilityInputs.YearOf(q.Year, clock.Today())} is held; the earliest applies from "
                + $"{RuleSetRegistry.Default.Earliest(EligibilityType.HighTech)!.EffectiveFrom:yyyy-MM-dd}.");
        RuleFor(q => q.MaxMissing).InclusiveBetween(0, CultivationPoolSelector.MaxMaxMissing)
            .WithMessage($"'maxMissing' must be between 0 and {CultivationPoolSelector.MaxMaxMissing}.");
        RuleFor(q => q.RegionCode).MustBeRegion();
        RuleFor(q => q.Sort).Empty().WithMessage("The pool is ordered by the number of criteria missed, then by name.");
    }
}

internal sealed class GetCultivationPoolHandler(EnterprisesDbContext db, TimeProvider clock)
    : IQueryHandler<GetCultivationPool, CultivationPoolResponse>
{
    public async ValueTask<CultivationPoolResponse> Handle(GetCultivationPool query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var year = EligibilityInputs.YearOf(query.Year, today);
        var maxMissing = query.MaxMissing ?? CultivationPoolSelector.DefaultMaxMissing;
        var paging = new PageQuery(query.Page, query.PageSize, null);
        paging.EnsureValid();
        var rules = RuleSetRegistry.Default.InForce(EligibilityType.HighTech, year)!;

        var enterprises = db.Enterprises.AsNoTracking().Where(e => !e.Qualifications.Any(q => q.Type == QualificationType.HighTech
            && q.Status == QualificationStatus.Valid && q.GrantedOn <= today && q.ExpiresOn >= today));
        if (EnterpriseQuery.Text(query.RegionCode) is { } region)
        {
            enterprises = enterprises.InRegion(region);
        }

        var from = EligibilityInputs.EarliestReportYear(year);
        var reports = (await db.AnnualReports.AsNoTracking()
                .Where(r => r.Year >= from && r.Year < year && enterprises.Select(e => e.CreditCode).Contains(r.CreditCode))
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.CreditCode, EligibilityInputs.FiguresOf);
        var inputs = (await enterprises.ToListAsync(cancellationToken)).Select(e => new PoolInput(e.CreditCode, e.Name, e.RegionCode, e.ZoneCode,
            rules.Evaluate(EligibilityInputs.FactsOf(e), reports[e.CreditCode], year)));

        var pool = CultivationPoolSelector.Select(inputs, maxMissing);
        // In long: page × pageSize can pass int.MaxValue, and a wrapped (negative) skip would answer the first page.
        var skip = (long)(paging.PageNumber - 1) * paging.Size;
        var page = pool.Skip((int)Math.Min(skip, int.MaxValue)).Take(paging.Size).ToList();
        return new CultivationPoolResponse(page, paging.PageNumber, paging.Size, pool.Count, year, maxMissing, RuleSetResponse.From(rules));
    }
}
