using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Talent.Api.Teams;

/// <summary>Teams: formed under a programme, joined, left, disbanded.</summary>
public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/teams").WithTags("Teams");
        group.MapGet("/", List).WithName("ListTeams").WithSummary("List teams, filtered and paged").RequireAuthorization(Scopes.TalentRead);
        group.MapPost("/", Form).WithName("FormTeam")
            .WithSummary("Form a team under a programme (a person leads, and belongs to, at most one active team of a programme)")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.TalentWrite).WithETag()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", Get).WithName("GetTeam").WithSummary("Get a team").RequireAuthorization(Scopes.TalentRead).WithETag();
        group.MapPost("/{id:guid}/members", AddMember).WithName("AddTeamMember")
            .WithSummary("A person joins an active team (If-Match checked when sent)").RequireAuthorization(Scopes.TalentWrite)
            .WithETag().AcceptsIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/members/{talentId:guid}/leave", Leave).WithName("RemoveTeamMember")
            .WithSummary("A current member leaves (If-Match checked when sent)").RequireAuthorization(Scopes.TalentWrite)
            .WithETag().AcceptsIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/disband", Disband).WithName("DisbandTeam")
            .WithSummary("Disband an active team, with the reason (publishes TeamDisbanded)").RequireAuthorization(Scopes.TalentWrite)
            .WithETag().AcceptsIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<CursorPage<TeamResponse>>> List([AsParameters] ListTeams query, ISender sender, HttpContext http,
        CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Created<TeamResponse>> Form(FormTeamRequest request, ISender sender, HttpResponse response, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var formed = await sender.Send(new FormTeam(request, user), ct);
        ETags.Set(response, formed.Version);
        return TypedResults.Created($"/api/v1/teams/{formed.Team.Id}", formed.Team);
    }

    private static async Task<Ok<TeamResponse>> Get(Guid id, ISender sender, HttpResponse response, CancellationToken ct) =>
        Answer(await sender.Send(new GetTeam(id), ct), response);

    private static async Task<Ok<TeamResponse>> AddMember(Guid id, AddTeamMemberRequest body, ISender sender, HttpRequest request,
        ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await sender.Send(new AddTeamMember(id, body, IfMatch.From(request), user), ct), request.HttpContext.Response);

    /// <param name="body">Optional: without it the member leaves today.</param>
    private static async Task<Ok<TeamResponse>> Leave(Guid id, Guid talentId, LeaveTeamRequest? body, ISender sender, HttpRequest request,
        ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await sender.Send(new RemoveTeamMember(id, talentId, body ?? new LeaveTeamRequest(), IfMatch.From(request), user), ct),
            request.HttpContext.Response);

    private static async Task<Ok<TeamResponse>> Disband(Guid id, DisbandTeamRequest body, ISender sender, HttpRequest request,
        ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await sender.Send(new DisbandTeam(id, body, IfMatch.From(request), user), ct), request.HttpContext.Response);

    private static Ok<TeamResponse> Answer(TeamResult result, HttpResponse response)
    {
        ETags.Set(response, result.Version);
        return TypedResults.Ok(result.Team);
    }
}
