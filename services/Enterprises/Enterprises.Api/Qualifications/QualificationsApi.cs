using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Enterprises.Api.Qualifications;

/// <summary>An enterprise's qualifications: grant, read, revoke.</summary>
public static class QualificationsApi
{
    public static RouteGroupBuilder MapQualificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/{creditCode}/qualifications").WithTags("Qualifications");
        group.MapGet("/", List).WithName("ListEnterpriseQualifications")
            .WithSummary("List an enterprise's qualifications, of every status").RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPost("/", Grant).WithName("GrantQualification")
            .WithSummary("Grant a qualification (expiresOn required for Eagle, Gazelle, Leader, LeaderCultivation)")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.EnterprisesWrite).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:long}", Get).WithName("GetQualification").WithSummary("Get one of an enterprise's qualifications")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPost("/{id:long}/revoke", Revoke).WithName("RevokeQualification")
            .WithSummary("Revoke a valid qualification, as of revokedOn (default today)").RequireAuthorization(Scopes.EnterprisesWrite)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<CursorPage<QualificationResponse>>> List([AsParameters] ListEnterpriseQualifications query, ISender sender,
        HttpContext http,
        CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Created<QualificationResponse>> Grant(string creditCode, GrantQualificationRequest request, ISender sender,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var granted = await sender.Send(new GrantQualification(creditCode, request, user), ct);
        return TypedResults.Created($"/api/v1/enterprises/{granted.CreditCode}/qualifications/{granted.Id}", granted);
    }

    private static async Task<Ok<QualificationResponse>> Get(string creditCode, long id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetQualification(creditCode, id), ct));

    private static async Task<Ok<QualificationResponse>> Revoke(string creditCode, long id, RevokeQualificationRequest request,
        ISender sender, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RevokeQualification(creditCode, id, request, user), ct));
}
