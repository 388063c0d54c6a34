using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using Plans.Api.Plans;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Plans.Api.Observations;

public static class ObservationsApi
{
    public static RouteGroupBuilder MapObservationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/indicators/{indicatorCode}/observations").WithTags("Observations");
        group.MapGet("/", List).WithName("ListObservations").ReadsPlan()
            .WithSummary("List an indicator's observations, corrections included");
        group.MapPost("/", Create).WithName("CreateObservation")
            .WithSummary("Record a value for a year; a later value for the same year corrects the earlier")
            .RequireAuthorization(Scopes.PlansWrite)
            .WithMetadata(new IdempotentAttribute()).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:long}", Get).WithName("GetObservation").ReadsPlan().WithSummary("Get one observation");
        group.MapPost("/{id:long}/submit", Submit).WithName("SubmitObservation")
            .WithSummary("Submit an entered (draft) figure for approval: the reporting unit's step")
            .RequireAuthorization(Scopes.PlansWrite).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/approve", Approve).WithName("ApproveObservation")
            .WithSummary("Approve a submitted figure, which locks it (409 on any new figure for its year); the approver is not the submitter (403)")
            .RequireAuthorization(Scopes.PlansWrite).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/unapprove", Unapprove).WithName("UnapproveObservation")
            .WithSummary("Reopen an approved figure (administrators; reason required, audited): it is submitted again and its year open")
            .RequireAuthorization(Scopes.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<CursorPage<ObservationResponse>>> List(string code, string indicatorCode,
        [AsParameters] ListQuery paging, ISender sender, HttpContext http, ClaimsPrincipal user, CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(new ListObservations(code, indicatorCode, paging, user), ct));

    private static async Task<Created<ObservationResponse>> Create(string code, string indicatorCode,
        CreateObservationRequest request, ISender sender, ClaimsPrincipal user, CancellationToken ct)
    {
        var observation = await sender.Send(new CreateObservation(code, indicatorCode, request.Year, request.Value, request.Note, user, request.Source), ct);
        return TypedResults.Created(
            $"/api/v1/plans/{Uri.EscapeDataString(code)}/indicators/{Uri.EscapeDataString(indicatorCode)}/observations/{observation.Id}",
            observation);
    }

    private static async Task<Ok<ObservationResponse>> Get(string code, string indicatorCode, long id, ISender sender,
        ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetObservation(code, indicatorCode, id, user), ct));

    private static async Task<Ok<ObservationResponse>> Submit(string code, string indicatorCode, long id, ISender sender,
        ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ChangeApproval(code, indicatorCode, id, ApprovalAction.Submit, null, user), ct));

    private static async Task<Ok<ObservationResponse>> Approve(string code, string indicatorCode, long id, ISender sender,
        ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ChangeApproval(code, indicatorCode, id, ApprovalAction.Approve, null, user), ct));

    private static async Task<Ok<ObservationResponse>> Unapprove(string code, string indicatorCode, long id, UnapproveRequest request,
        ISender sender, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ChangeApproval(code, indicatorCode, id, ApprovalAction.Unapprove, request.Reason, user), ct));
}
