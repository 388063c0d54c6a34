using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Talent.Api.Commissioners;

/// <summary>Science-and-technology commissioners (科技特派员): assignments and their yearly appraisals.</summary>
public static class CommissionersApi
{
    public static RouteGroupBuilder MapCommissionersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/commissioners").WithTags("Commissioners");
        group.MapGet("/", List).WithName("ListCommissioners").WithSummary("List commissioner assignments, filtered and paged")
            .RequireAuthorization(Scopes.TalentRead);
        group.MapPost("/", Assign).WithName("AssignCommissioner")
            .WithSummary("Assign a person as commissioner to an enterprise, a village or a cooperative for a period (publishes CommissionerAssigned)")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.TalentWrite).WithETag()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id:guid}", Get).WithName("GetCommissioner").WithSummary("Get an assignment with its appraisals")
            .RequireAuthorization(Scopes.TalentRead).WithETag();
        group.MapPost("/{id:guid}/appraisals", Appraise).WithName("AppraiseCommissioner")
            .WithSummary("Record the yearly appraisal: excellent (优秀), good, pass or fail (publishes CommissionerAppraised)")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.TalentWrite).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/appraisals/{year:int}", GetAppraisal).WithName("GetAppraisal").WithSummary("One year's appraisal")
            .RequireAuthorization(Scopes.TalentRead);
        return group;
    }

    private static async Task<Ok<CursorPage<CommissionerResponse>>> List([AsParameters] ListCommissioners query, ISender sender, HttpContext http,
        CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Created<CommissionerResponse>> Assign(AssignCommissionerRequest request, ISender sender, HttpResponse response,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var assigned = await sender.Send(new AssignCommissioner(request, user), ct);
        ETags.Set(response, assigned.Version);
        return TypedResults.Created($"/api/v1/commissioners/{assigned.Commissioner.Id}", assigned.Commissioner);
    }

    private static async Task<Ok<CommissionerResponse>> Get(Guid id, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var found = await sender.Send(new GetCommissioner(id), ct);
        ETags.Set(response, found.Version);
        return TypedResults.Ok(found.Commissioner);
    }

    private static async Task<Created<AppraisalResponse>> Appraise(Guid id, AppraiseRequest request, ISender sender, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var appraisal = await sender.Send(new AppraiseCommissioner(id, request, user), ct);
        return TypedResults.Created($"/api/v1/commissioners/{id}/appraisals/{appraisal.Year}", appraisal);
    }

    private static async Task<Ok<AppraisalResponse>> GetAppraisal(Guid id, int year, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetAppraisal(id, year), ct));
}
