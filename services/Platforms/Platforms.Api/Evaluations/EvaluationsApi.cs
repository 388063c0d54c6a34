using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Persistence.Idempotency;
using Platforms.Api.Data;
using SharedKernel.Access;
using SharedKernel.Errors;

namespace Platforms.Api.Evaluations;

/// <summary>GET /api/v1/platforms/{id}/evaluations: the platform's evaluations, latest year first.</summary>
public sealed record ListEvaluations(Guid PlatformId) : IQuery<IReadOnlyList<EvaluationResponse>>;

internal sealed class ListEvaluationsHandler(PlatformsDbContext db) : IQueryHandler<ListEvaluations, IReadOnlyList<EvaluationResponse>>
{
    public async ValueTask<IReadOnlyList<EvaluationResponse>> Handle(ListEvaluations query, CancellationToken cancellationToken)
    {
        if (!await db.Platforms.AnyAsync(p => p.Id == query.PlatformId, cancellationToken))
        {
            throw new NotFoundException("Platform", query.PlatformId.ToString());
        }

        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.PlatformId == query.PlatformId)
            .OrderByDescending(e => e.Year).ToListAsync(cancellationToken);
        return evaluations.Select(EvaluationResponse.From).ToList();
    }
}

/// <summary>GET /api/v1/platforms/{id}/evaluations/{year}.</summary>
public sealed record GetEvaluation(Guid PlatformId, int Year) : IQuery<EvaluationResponse>;

internal sealed class GetEvaluationHandler(PlatformsDbContext db) : IQueryHandler<GetEvaluation, EvaluationResponse>
{
    public async ValueTask<EvaluationResponse> Handle(GetEvaluation query, CancellationToken cancellationToken) =>
        EvaluationResponse.From(await db.Evaluations.AsNoTracking()
                .SingleOrDefaultAsync(e => e.PlatformId == query.PlatformId && e.Year == query.Year, cancellationToken)
            ?? throw new NotFoundException("Evaluation", $"{query.PlatformId}/{query.Year}"));
}

/// <summary>A platform's yearly evaluations.</summary>
public static class EvaluationsApi
{
    public static RouteGroupBuilder MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/platforms/{id:guid}/evaluations").WithTags("Evaluations");
        group.MapGet("/", List).WithName("ListPlatformEvaluations").WithSummary("A platform's evaluations, latest year first")
            .RequireAuthorization(Scopes.PlatformsRead);
        group.MapGet("/{year:int}", Get).WithName("GetPlatformEvaluation").WithSummary("A platform's evaluation of one year")
            .RequireAuthorization(Scopes.PlatformsRead);
        group.MapPost("/", Evaluate).WithName("EvaluatePlatform")
            .WithSummary("Record a year's evaluation, graded by the type's scheme; a failing grade opens a rectification, a second one proposes revocation")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.PlatformsWrite);
        return group;
    }

    private static async Task<Ok<IReadOnlyList<EvaluationResponse>>> List(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListEvaluations(id), ct));

    private static async Task<Ok<EvaluationResponse>> Get(Guid id, int year, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetEvaluation(id, year), ct));

    private static async Task<Created<EvaluationOutcomeResponse>> Evaluate(Guid id, EvaluatePlatformRequest request, ISender sender,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await sender.Send(new EvaluatePlatform(id, request, user), ct);
        return TypedResults.Created($"/api/v1/platforms/{id}/evaluations/{outcome.Evaluation.Year}", outcome);
    }
}
