using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using Plans.Api.Plans;
using Plans.Api.Reports;
using ServiceDefaults.Csv;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Plans.Api.Reviews;

public static class ReviewsApi
{
    public static RouteGroupBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/reviews").WithTags("Reports");
        group.MapPost("/", Take).WithName("TakeReview")
            .WithSummary("Take a review (中期评估, 专项监测) as of a date within the plan's period: the monitoring report as of that date is stored and never recomputed; the plan's owner's act (403 to a client confined to a unit)")
            .RequireAuthorization(Scopes.PlansWrite)
            .WithMetadata(new IdempotentAttribute()).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithName("ListReviews").ReadsPlan()
            .WithSummary("A plan's reviews, without their reports");
        group.MapGet("/{id:long}", Get).WithName("GetReview").ReadsPlan()
            .WithSummary("A review with its report as stored when it was taken, in the annual report's shape; ?format=html for a printable page, ?format=csv")
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status200OK, CsvUpload.MediaType);
        return group;
    }

    private static async Task<Created<ReviewResponse>> Take(string code, TakeReviewRequest request, ISender sender,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var review = await sender.Send(new TakeReview(code, request, user), ct);
        return TypedResults.Created($"/api/v1/plans/{Uri.EscapeDataString(code)}/reviews/{review.Id}", review);
    }

    private static async Task<Ok<CursorPage<ReviewSummary>>> List(string code, [AsParameters] ListQuery paging, ISender sender, HttpContext http,
        ClaimsPrincipal user, CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(new ListReviews(code, paging, user), ct));

    /// <param name="code">The plan.</param>
    /// <param name="id">The review.</param>
    /// <param name="format">json (default), html (a printable page in Chinese) or csv.</param>
    private static async Task<Results<Ok<ReviewResponse>, ContentHttpResult, PushStreamHttpResult>> Get(string code, long id,
        string? format, ISender sender, HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var form = ReportFormats.Parse(format);
        var review = await sender.Send(new GetReview(code, id, user), ct);
        return ReportFormats.Answer(form, review, review.Report, review.Title, response);
    }
}
