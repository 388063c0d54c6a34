using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Talent.Api.Recognitions;

/// <summary>Recognitions: a person's (record, read, revoke), and the register's.</summary>
public static class RecognitionsApi
{
    public static RouteGroupBuilder MapRecognitionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/talents/recognitions", ListAll).WithTags("Recognitions").WithName("ListRecognitions")
            .WithSummary("Every recognition of the register with the region and nationality it counts under; paged")
            .RequireAuthorization(Scopes.TalentRead);
        var group = app.MapGroup("/api/v1/talents/{talentId:guid}/recognitions").WithTags("Recognitions");
        group.MapGet("/", List).WithName("ListTalentRecognitions").WithSummary("A person's recognitions, active and revoked")
            .RequireAuthorization(Scopes.TalentRead);
        group.MapPost("/", Recognize).WithName("RecognizeTalent")
            .WithSummary("Record a recognition under a programme for a year (publishes TalentRecognized)")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.TalentWrite).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{recognitionId:guid}", Get).WithName("GetRecognition").WithSummary("One of a person's recognitions")
            .RequireAuthorization(Scopes.TalentRead);
        group.MapPost("/{recognitionId:guid}/revoke", Revoke).WithName("RevokeRecognition")
            .WithSummary("Revoke an active recognition, with the reason (publishes RecognitionRevoked)").RequireAuthorization(Scopes.TalentWrite)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<CursorPage<RecognitionResponse>>> ListAll([AsParameters] ListRecognitions query, ISender sender, HttpContext http,
        CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Ok<CursorPage<RecognitionResponse>>> List([AsParameters] ListTalentRecognitions query, ISender sender, HttpContext http,
        CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Created<RecognitionResponse>> Recognize(Guid talentId, RecognizeRequest request, ISender sender, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var recognized = await sender.Send(new RecognizeTalent(talentId, request, user), ct);
        return TypedResults.Created($"/api/v1/talents/{talentId}/recognitions/{recognized.Id}", recognized);
    }

    private static async Task<Ok<RecognitionResponse>> Get(Guid talentId, Guid recognitionId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetRecognition(talentId, recognitionId), ct));

    private static async Task<Ok<RecognitionResponse>> Revoke(Guid talentId, Guid recognitionId, RevokeRecognitionRequest request, ISender sender,
        ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RevokeRecognition(talentId, recognitionId, request, user), ct));
}
