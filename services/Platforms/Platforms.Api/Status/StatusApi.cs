using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Data;
using Platforms.Api.Platforms;
using ServiceDefaults.Http;
using SharedKernel.Access;
using SharedKernel.Errors;

namespace Platforms.Api.Status;

/// <summary>GET /api/v1/platforms/{id}/status-history: the platform's status history, oldest first.</summary>
public sealed record GetStatusHistory(Guid Id) : IQuery<IReadOnlyList<StatusChangeResponse>>;

internal sealed class GetStatusHistoryHandler(PlatformsDbContext db) : IQueryHandler<GetStatusHistory, IReadOnlyList<StatusChangeResponse>>
{
    public async ValueTask<IReadOnlyList<StatusChangeResponse>> Handle(GetStatusHistory query, CancellationToken cancellationToken)
    {
        if (!await db.Platforms.AnyAsync(p => p.Id == query.Id, cancellationToken))
        {
            throw new NotFoundException("Platform", query.Id.ToString());
        }

        var history = await db.StatusChanges.AsNoTracking().Where(c => c.PlatformId == query.Id)
            .OrderBy(c => c.On).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return history.Select(StatusChangeResponse.Of).ToList();
    }
}

/// <summary>A platform's lifecycle: the status change and its dated history.</summary>
public static class StatusApi
{
    public static RouteGroupBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/platforms/{id:guid}").WithTags("Status");
        group.MapPost("/status", Change).WithName("ChangePlatformStatus")
            .WithSummary("Move a platform along its lifecycle (underConstruction → active → suspended ↔ active → revoked), as of a day, with a reason")
            .RequireAuthorization(Scopes.PlatformsWrite);
        group.MapGet("/status-history", History).WithName("GetPlatformStatusHistory")
            .WithSummary("A platform's dated status history, oldest first").RequireAuthorization(Scopes.PlatformsRead);
        return group;
    }

    private static async Task<Ok<PlatformResponse>> Change(Guid id, ChangeStatusRequest request, ISender sender, HttpRequest http,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var changed = await sender.Send(new ChangePlatformStatus(id, request, IfMatch.From(http), user), ct);
        ETags.Set(http.HttpContext.Response, changed.Version);
        return TypedResults.Ok(changed.Platform);
    }

    private static async Task<Ok<IReadOnlyList<StatusChangeResponse>>> History(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetStatusHistory(id), ct));
}
