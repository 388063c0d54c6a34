using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Enterprises.Api.Qualifications;

/// <summary>Every qualification across the register (for reconciliation by the Plans service), and the expiry pass on demand.</summary>
public static class QualificationRegisterApi
{
    public static RouteGroupBuilder MapQualificationRegisterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/qualifications").WithTags("Qualifications");
        group.MapGet("/", List).WithName("ListQualifications")
            .WithSummary("Every qualification of every enterprise, with the enterprise's region and zone; paged (pageSize up to 500)")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPost("/expire", Expire).WithName("ExpireQualifications")
            .WithSummary("Run the daily expiry pass now: valid qualifications past expiresOn become expired (admin)")
            .RequireAuthorization(Scopes.Admin);
        return group;
    }

    private static async Task<Ok<CursorPage<QualificationRecord>>> List([AsParameters] ListQualifications query, ISender sender,
        HttpContext http, CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Ok<ExpiryResult>> Expire(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ExpireQualifications(), ct));
}
