using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using ServiceDefaults.Paging;
using SharedKernel.Errors;

namespace Plans.Api.Reviews;

/// <summary>One review of a plan, its report as stored when it was taken.</summary>
public sealed record GetReview(string PlanCode, long Id, ClaimsPrincipal Caller) : IQuery<ReviewResponse>;

internal sealed class GetReviewHandler(PlansDbContext db) : IQueryHandler<GetReview, ReviewResponse>
{
    public async ValueTask<ReviewResponse> Handle(GetReview query, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, query.PlanCode, query.Caller, Access.Read, ct);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.Id && r.PlanCode == plan.Code, ct)
            ?? throw new NotFoundException("Review", $"{query.PlanCode}/{query.Id}");
        return ReviewResponse.From(review);
    }
}

/// <summary>A plan's reviews, in the order taken unless sorted otherwise.</summary>
public sealed record ListReviews(string PlanCode, ListQuery List, ClaimsPrincipal Caller) : IQuery<CursorPage<ReviewSummary>>, IListQuery
{
    public PageQuery Paging => List.Paging;

    internal static readonly Sorting<MonitoringReview> Sorting = new("takenAt", new Dictionary<string, System.Linq.Expressions.Expression<Func<MonitoringReview, object?>>>
    {
        ["takenAt"] = r => r.TakenAt,
        ["asOf"] = r => r.AsOf,
        ["id"] = r => r.Id,
    });

    internal static readonly Keyset<MonitoringReview> Keyset = new(Sorting.Fields, "id");
}

internal sealed class ListReviewsValidator : AbstractValidator<ListReviews>
{
    public ListReviewsValidator() => Include(new PagingRules<ListReviews>(ListReviews.Sorting.Names));
}

internal sealed class ListReviewsHandler(PlansDbContext db) : IQueryHandler<ListReviews, CursorPage<ReviewSummary>>
{
    public async ValueTask<CursorPage<ReviewSummary>> Handle(ListReviews query, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, query.PlanCode, query.Caller, Access.Read, ct);
        return await db.Reviews.AsNoTracking().Where(r => r.PlanCode == plan.Code)
            .ToCursorPageAsync(db.Database, ListReviews.Keyset, query.List, plan.Code, ReviewSummary.From, ct);
    }
}
