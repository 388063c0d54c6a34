using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using ServiceDefaults.Paging;
using SharedKernel.Access;
using Talent.Api.Csv;

namespace Talent.Api.Talents;

/// <summary>
/// The people on the register. Every answer may carry personal data, so none is compressed: the
/// length of a compressed answer would betray what it holds (BREACH).
/// </summary>
public static class TalentsApi
{
    public static RouteGroupBuilder MapTalentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/talents").WithTags("Talents").WithoutResponseCompression();
        group.MapGet("/", List).WithName("ListTalents")
            .WithSummary("List people, filtered and paged (identity numbers and phones masked without talent.pii); ?format=csv exports every match")
            .Produces<CursorPage<TalentResponse>>(StatusCodes.Status200OK).Produces<string>(StatusCodes.Status200OK, "text/csv")
            .RequireAuthorization(Scopes.TalentRead);
        group.MapPost("/", Register).WithName("RegisterTalent").WithSummary("Register a person with their identity document")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.TalentWrite).WithETag()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/lookup", Lookup).WithName("LookupTalents")
            .WithSummary("Find people by identity number or phone, sent in the body (talent.pii)")
            .RequireAuthorization(Scopes.TalentRead).RequireAuthorization(Scopes.TalentPii);
        group.MapGet("/{id:guid}", Get).WithName("GetTalent").WithSummary("Get a person").RequireAuthorization(Scopes.TalentRead).WithETag();
        group.MapPatch("/{id:guid}", Patch).WithName("UpdateTalent")
            .WithSummary("Change a person (JSON merge patch; If-Match required; the identity document cannot change)")
            .RequireAuthorization(Scopes.TalentWrite).AcceptsMergePatch<TalentFields>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<Results<Ok<CursorPage<TalentResponse>>, PushStreamHttpResult>> List([AsParameters] ListTalents query,
        HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        PersonalDataAccess.EnsureNotInUrl(request, user);
        if (query.IncludePersonalData == true)
        {
            PersonalDataAccess.EnsureMaySee(user, "An export with identity numbers and phones");
        }

        return await sender.Send(query, ct) switch
        {
            TalentListing.Csv csv => TalentCsv.Export(csv.Rows, csv.IncludePersonalData, ct),
            TalentListing.Page page => NextLink.Set(request.HttpContext, page.Items),
            _ => throw new UnreachableException(),
        };
    }

    private static async Task<Created<TalentResponse>> Register(RegisterTalentRequest request, ISender sender, HttpResponse response,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var registered = await sender.Send(new RegisterTalent(request, user), ct);
        ETags.Set(response, registered.Version);
        return TypedResults.Created($"/api/v1/talents/{registered.Talent.Id}", registered.Talent);
    }

    private static async Task<Ok<TalentMatches>> Lookup(LookupTalentsRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new LookupTalents(request), ct));

    private static async Task<Ok<TalentResponse>> Get(Guid id, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var found = await sender.Send(new GetTalent(id), ct);
        ETags.Set(response, found.Version);
        return TypedResults.Ok(found.Talent);
    }

    private static async Task<Ok<TalentResponse>> Patch(Guid id, JsonObject patch, ISender sender, HttpRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var updated = await sender.Send(new PatchTalent(id, patch, IfMatch.From(request), user), ct);
        ETags.Set(request.HttpContext.Response, updated.Version);
        return TypedResults.Ok(updated.Talent);
    }
}
