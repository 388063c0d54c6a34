using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Platforms.Api.Rectifications;

/// <summary>Rectifications after failing evaluations, and the revocation proposals they raise with the authority's decisions.</summary>
public static class RectificationsApi
{
    public static IEndpointRouteBuilder MapRectificationsApi(this IEndpointRouteBuilder app)
    {
        var platform = app.MapGroup("/api/v1/platforms/{id:guid}").WithTags("Rectifications");
        platform.MapGet("/rectifications", ListRectifications).WithName("ListPlatformRectifications")
            .WithSummary("A platform's rectifications, latest first").RequireAuthorization(Scopes.PlatformsRead);
        platform.MapPost("/rectifications/{rectificationId:long}/complete", Complete).WithName("CompleteRectification")
            .WithSummary("Accept an open rectification as completed, by its due date").RequireAuthorization(Scopes.PlatformsWrite).ProducesProblem(StatusCodes.Status409Conflict);
        platform.MapGet("/revocation-proposals", ListPlatformProposals).WithName("ListPlatformRevocationProposals")
            .WithSummary("A platform's revocation proposals, latest first").RequireAuthorization(Scopes.PlatformsRead);
        platform.MapPost("/revocation-proposals/{proposalId:long}/decision", Decide).WithName("DecideRevocationProposal")
            .WithSummary("Decide a pending revocation proposal: revoke the platform, or dismiss the proposal").RequireAuthorization(Scopes.PlatformsWrite).ProducesProblem(StatusCodes.Status409Conflict);

        var register = app.MapGroup("/api/v1/platforms").WithTags("Rectifications");
        register.MapGet("/revocation-proposals", ListProposals).WithName("ListRevocationProposals")
            .WithSummary("Revocation proposals across the register (status=pending: the decisions waiting)").RequireAuthorization(Scopes.PlatformsRead);
        register.MapPost("/rectifications/review", Review).WithName("ReviewRectifications")
            .WithSummary("Run the daily review now: open rectifications past their due date become overdue and propose revocation (admin)")
            .RequireAuthorization(Scopes.Admin);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<RectificationResponse>>> ListRectifications(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListRectifications(id), ct));

    private static async Task<Ok<RectificationResponse>> Complete(Guid id, long rectificationId, CompleteRectificationRequest request,
        ISender sender, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new CompleteRectification(id, rectificationId, request, user), ct));

    private static async Task<Ok<IReadOnlyList<RevocationProposalResponse>>> ListPlatformProposals(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPlatformProposals(id), ct));

    private static async Task<Ok<RevocationProposalResponse>> Decide(Guid id, long proposalId, DecideRevocationRequest request,
        ISender sender, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new DecideRevocation(id, proposalId, request, user), ct));

    private static async Task<Ok<CursorPage<RevocationProposalResponse>>> ListProposals([AsParameters] ListRevocationProposals query,
        ISender sender, HttpContext http, CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Ok<ReviewResult>> Review(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ReviewRectifications(), ct));
}
