using System.Linq.Expressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using SharedKernel.Errors;
using SharedKernel.Regions;
using SharedKernel.Time;
using Talent.Api.Data;
using Talent.Api.Domain;
using Talent.Api.Validation;

namespace Talent.Api.Commissioners;

/// <summary>GET /api/v1/commissioners.</summary>
/// <param name="TalentId">Only this person's assignments.</param>
/// <param name="RegionCode">Only assignments serving this region or below (a zone: in that zone).</param>
/// <param name="ServedKind">enterprise, village or cooperative.</param>
/// <param name="ServedCreditCode">Only assignments serving this enterprise or cooperative.</param>
/// <param name="ActiveOn">Only assignments running on this day.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default), startsOn, endsOn.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListCommissioners(Guid? TalentId, string? RegionCode, string? ServedKind, string? ServedCreditCode, DateOnly? ActiveOn,
    int? Page, int? PageSize, string? Sort, string? Cursor, bool? Count)
    : IQuery<CursorPage<CommissionerResponse>>
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>GET /api/v1/commissioners/{id}.</summary>
public sealed record GetCommissioner(Guid Id) : IQuery<CommissionerResult>;

/// <summary>GET /api/v1/commissioners/{id}/appraisals/{year}.</summary>
public sealed record GetAppraisal(Guid Id, int Year) : IQuery<AppraisalResponse>;

internal sealed class ListCommissionersValidator : AbstractValidator<ListCommissioners>
{
    public ListCommissionersValidator()
    {
        RuleFor(q => q.RegionCode).MustBeRegion();
        RuleFor(q => q.ServedKind).MustName<ListCommissioners, ServedKind>();
        RuleFor(q => q.ServedCreditCode).MustBeCreditCodeShape();
    }
}

internal sealed class CommissionerQueries(TalentDbContext db, TimeProvider clock)
    : IQueryHandler<ListCommissioners, CursorPage<CommissionerResponse>>,
        IQueryHandler<GetCommissioner, CommissionerResult>,
        IQueryHandler<GetAppraisal, AppraisalResponse>
{
    private static readonly SortFields<CommissionerAssignment> Sorting = new("id",
        new Dictionary<string, Expression<Func<CommissionerAssignment, object?>>>
        {
            ["id"] = a => a.Id,
            ["startsOn"] = a => a.StartsOn,
            ["endsOn"] = a => a.EndsOn,
        });

    private static readonly Keyset<CommissionerAssignment> Keyset = new(Sorting, "id");

    public async ValueTask<CursorPage<CommissionerResponse>> Handle(ListCommissioners query, CancellationToken cancellationToken)
    {
        var assignments = db.CommissionerAssignments.AsNoTracking();
        if (query.TalentId is { } talent)
        {
            assignments = assignments.Where(a => a.TalentId == talent);
        }

        if (ParameterRules.Text(query.RegionCode) is { } region)
        {
            var within = RegionCodes.Within(region);
            assignments = assignments.Where(a => within.Contains(a.RegionCode) || (a.ZoneCode != null && within.Contains(a.ZoneCode)));
        }

        if (EnumText.ParseOptional<ServedKind>(query.ServedKind, "servedKind") is { } kind)
        {
            assignments = assignments.Where(a => a.ServedKind == kind);
        }

        if (ParameterRules.CreditCode(query.ServedCreditCode) is { } code)
        {
            assignments = assignments.Where(a => a.ServedCreditCode == code);
        }

        if (query.ActiveOn is { } day)
        {
            assignments = assignments.Where(a => a.StartsOn <= day && a.EndsOn >= day);
        }

        var today = clock.Today();
        var scope = Cursors.Scope(query.TalentId?.ToString(), ParameterRules.Text(query.RegionCode),
            EnumText.ParseOptional<ServedKind>(query.ServedKind, "servedKind")?.ToString(), ParameterRules.CreditCode(query.ServedCreditCode),
            query.ActiveOn?.ToString("O"));
        return await assignments.ToCursorPageAsync(db.Database, Keyset, query.List, scope, a => CommissionerResponse.From(a, today), cancellationToken);
    }

    public async ValueTask<CommissionerResult> Handle(GetCommissioner query, CancellationToken cancellationToken) =>
        CommissionerResult.Of(await db.CommissionerAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Commissioner assignment", query.Id.ToString()), clock.Today());

    public async ValueTask<AppraisalResponse> Handle(GetAppraisal query, CancellationToken cancellationToken)
    {
        var assignment = await db.CommissionerAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Commissioner assignment", query.Id.ToString());
        return AppraisalResponse.From(assignment.Appraisals.SingleOrDefault(a => a.Year == query.Year)
            ?? throw new NotFoundException("Appraisal", $"{query.Id}/{query.Year}"));
    }
}
