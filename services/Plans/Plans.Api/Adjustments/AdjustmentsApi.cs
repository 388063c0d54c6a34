using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using Plans.Api.Plans;
using SharedKernel.Access;

namespace Plans.Api.Adjustments;

public static class AdjustmentsApi
{
    public static RouteGroupBuilder MapAdjustmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/indicators/{indicatorCode}/adjustments").WithTags("Adjustments");
        group.MapGet("/", List).WithName("ListAdjustments").ReadsPlan()
            .WithSummary("An indicator's targets as printed, as in force today, and every adjustment (before/after, reason, approving document)");
        group.MapPost("/", Adjust).WithName("AdjustTargets")
            .WithSummary("Adjust a published indicator's targets from a date (动态调整): reason and approving document number required; progress uses the targets in force on its asOf")
            .RequireAuthorization(Scopes.PlansWrite)
            .WithMetadata(new IdempotentAttribute()).ProducesProblem(StatusCodes.Status409Conflict);
        var tasks = app.MapGroup("/api/v1/plans/{code}/tasks/{taskCode}/adjustments").WithTags("Adjustments");
        tasks.MapGet("/", ListForTask).WithName("ListTaskAdjustments").ReadsPlan()
            .WithSummary("A task as the document printed it, as it stands, and every adjustment (before/after, reason, approving document)");
        tasks.MapPost("/", AdjustPublishedTask).WithName("AdjustTask")
            .WithSummary("Change a published plan's task (wording, units, due year) by an approved adjustment: reason and approving document number required")
            .RequireAuthorization(Scopes.PlansWrite)
            .WithMetadata(new IdempotentAttribute()).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<TaskAdjustmentHistoryResponse>> ListForTask(string code, string taskCode, ISender sender,
        ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetTaskAdjustments(code, taskCode, user), ct));

    private static async Task<Created<TaskAdjustmentResponse>> AdjustPublishedTask(string code, string taskCode, AdjustTaskRequest request,
        ISender sender, ClaimsPrincipal user, CancellationToken ct)
    {
        var adjustment = await sender.Send(new AdjustTask(code, taskCode, request, user), ct);
        return TypedResults.Created(
            $"/api/v1/plans/{Uri.EscapeDataString(code)}/tasks/{Uri.EscapeDataString(taskCode)}/adjustments", adjustment);
    }

    private static async Task<Ok<AdjustmentHistoryResponse>> List(string code, string indicatorCode, ISender sender,
        ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetAdjustments(code, indicatorCode, user), ct));

    private static async Task<Created<AdjustmentResponse>> Adjust(string code, string indicatorCode, AdjustTargetsRequest request,
        ISender sender, ClaimsPrincipal user, CancellationToken ct)
    {
        var adjustment = await sender.Send(new AdjustTargets(code, indicatorCode, request, user), ct);
        return TypedResults.Created(
            $"/api/v1/plans/{Uri.EscapeDataString(code)}/indicators/{Uri.EscapeDataString(indicatorCode)}/adjustments", adjustment);
    }
}
