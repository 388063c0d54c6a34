using System.Security.Claims;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using Plans.Api.Common;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using ServiceDefaults.Paging;
using ServiceDefaults.Validation;
using SharedKernel.Access;

namespace Plans.Api.Plans;

public static class PlansApi
{
    private static readonly IReadOnlyDictionary<string, string> ReadOnlyFields = new Dictionary<string, string>
    {
        ["code"] = "A plan's code cannot be changed.",
        ["status"] = "Status changes through POST .../publish and .../archive.",
    };

    public static RouteGroupBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans").WithTags("Plans");
        group.MapGet("/", List).WithName("ListPlans").WithSummary("List plans, filtered and paged");
        group.MapPost("/", Create).WithName("CreatePlan").WithSummary("Create a draft plan").WithMetadata(new IdempotentAttribute())
            .RequireAuthorization(Scopes.PlansWrite).WithETag().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{code}", Get).WithName("GetPlan").ReadsPlan().WithSummary("Get a plan").WithETag();
        group.MapPatch("/{code}", Update).WithName("UpdatePlan")
            .WithSummary("Change a draft plan (JSON merge patch; If-Match required)").RequireAuthorization(Scopes.PlansWrite)
            .AcceptsMergePatch<PlanFields>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{code}/publish", Publish).WithName("PublishPlan").WithSummary("Publish a draft plan")
            .RequireAuthorization(Scopes.PlansWrite).AcceptsIfMatch().WithETag().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{code}/archive", Archive).WithName("ArchivePlan").WithSummary("Archive a plan; it then takes no changes")
            .RequireAuthorization(Scopes.PlansWrite).AcceptsIfMatch().WithETag().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{code}", Delete).WithName("DeletePlan")
            .WithSummary("Delete a draft plan with its indicators and tasks (If-Match honoured when sent)")
            .RequireAuthorization(Scopes.PlansWrite).AcceptsIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{code}/document", GetDocument).WithName("GetPlanDocument").ReadsPlan()
            .WithSummary("The full text of the plan's source document (text/plain; charset=utf-8)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return group;
    }

    /// <summary>Anonymous callers and clients without plans.read see published and archived plans only.</summary>
    private static async Task<Ok<CursorPage<PlanResponse>>> List([AsParameters] PlanFilter filter,
        [AsParameters] ListQuery paging, ISender sender, HttpContext http, ClaimsPrincipal user, CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(ListPlans.From(filter, paging, user), ct));

    private static async Task<Created<PlanResponse>> Create(CreatePlanRequest request, ISender sender, HttpResponse response,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var plan = await sender.Send(new CreatePlan(request, user), ct);
        ETags.Set(response, plan.Version);
        return TypedResults.Created($"/api/v1/plans/{Uri.EscapeDataString(plan.Resource.Code)}", plan.Resource);
    }

    private static async Task<Ok<PlanResponse>> Get(string code, ISender sender, HttpResponse response, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var plan = await sender.Send(new GetPlan(code, user), ct);
        ETags.Set(response, plan.Version);
        return TypedResults.Ok(plan.Resource);
    }

    private static async Task<ContentHttpResult> GetDocument(string code, ISender sender, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Text(await sender.Send(new GetPlanDocument(code, user), ct), "text/plain; charset=utf-8");

    private static async Task<Ok<PlanResponse>> Update(string code, JsonObject patch, ISender sender, JsonMergePatch merge,
        HttpContext http, CancellationToken ct)
    {
        var current = await sender.Send(new GetPlan(code, http.User, Access.Write), ct);
        var expected = IfMatch.From(http.Request).Expect(current.Version);
        var fields = await merge.ApplyAsync(PlanFields.From(current.Resource), patch, ReadOnlyFields, ct);
        var plan = await sender.Send(new UpdatePlan(code, fields, expected, http.User), ct);
        ETags.Set(http.Response, plan.Version);
        return TypedResults.Ok(plan.Resource);
    }

    private static async Task<Ok<PlanResponse>> Publish(string code, ISender sender, HttpContext http, CancellationToken ct)
    {
        var plan = await sender.Send(new PublishPlan(code, await ExpectedVersionAsync(code, sender, http, ct), http.User), ct);
        ETags.Set(http.Response, plan.Version);
        return TypedResults.Ok(plan.Resource);
    }

    private static async Task<Ok<PlanResponse>> Archive(string code, ISender sender, HttpContext http, CancellationToken ct)
    {
        var plan = await sender.Send(new ArchivePlan(code, await ExpectedVersionAsync(code, sender, http, ct), http.User), ct);
        ETags.Set(http.Response, plan.Version);
        return TypedResults.Ok(plan.Resource);
    }

    private static async Task<NoContent> Delete(string code, ISender sender, HttpContext http, CancellationToken ct)
    {
        await sender.Send(new DeletePlan(code, await ExpectedVersionAsync(code, sender, http, ct), http.User), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Status changes and deletes take If-Match when the caller sends it, so a stale client cannot publish over a change.</summary>
    private static async Task<long?> ExpectedVersionAsync(string code, ISender sender, HttpContext http, CancellationToken ct)
    {
        if (!IfMatch.From(http.Request).IsPresent)
        {
            return null;
        }

        var current = await sender.Send(new GetPlan(code, http.User, Access.Write), ct);
        return IfMatch.From(http.Request).ExpectIfPresent(current.Version);
    }
}
