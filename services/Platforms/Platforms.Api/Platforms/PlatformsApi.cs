using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using Platforms.Api.Csv;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Platforms.Api.Platforms;

public static class PlatformsApi
{
    public static RouteGroupBuilder MapPlatformsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/platforms").WithTags("Platforms");
        group.MapGet("/", List).WithName("ListPlatforms")
            .WithSummary("List platforms, filtered and paged; ?format=csv exports every match as CSV")
            .Produces<CursorPage<PlatformResponse>>(StatusCodes.Status200OK).Produces<string>(StatusCodes.Status200OK, "text/csv")
            .RequireAuthorization(Scopes.PlatformsRead);
        group.MapPost("/", Accredit).WithName("AccreditPlatform").WithSummary("Accredit a platform (active) or approve one to be built (underConstruction)")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.PlatformsWrite).WithETag().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id:guid}", Get).WithName("GetPlatform").WithSummary("Get a platform").RequireAuthorization(Scopes.PlatformsRead).WithETag();
        group.MapPatch("/{id:guid}", Patch).WithName("UpdatePlatform")
            .WithSummary("Change a platform's details (JSON merge patch; If-Match required)").RequireAuthorization(Scopes.PlatformsWrite)
            .AcceptsMergePatch<PlatformFields>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<Results<Ok<CursorPage<PlatformResponse>>, PushStreamHttpResult>> List([AsParameters] ListPlatforms query,
        ISender sender, HttpContext http, CancellationToken ct) =>
        await sender.Send(query, ct) switch
        {
            PlatformListing.Csv csv => PlatformCsv.Export(csv.Rows, ct),
            PlatformListing.Page page => NextLink.Set(http, page.Items),
            _ => throw new UnreachableException(),
        };

    private static async Task<Created<PlatformResponse>> Accredit(CreatePlatformRequest request, ISender sender, HttpResponse response,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var accredited = await sender.Send(new AccreditPlatform(request, user), ct);
        ETags.Set(response, accredited.Version);
        return TypedResults.Created($"/api/v1/platforms/{accredited.Platform.Id}", accredited.Platform);
    }

    private static async Task<Ok<PlatformResponse>> Get(Guid id, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var found = await sender.Send(new GetPlatform(id), ct);
        ETags.Set(response, found.Version);
        return TypedResults.Ok(found.Platform);
    }

    private static async Task<Ok<PlatformResponse>> Patch(Guid id, JsonObject patch, ISender sender, HttpRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var updated = await sender.Send(new PatchPlatform(id, patch, IfMatch.From(request), user), ct);
        ETags.Set(request.HttpContext.Response, updated.Version);
        return TypedResults.Ok(updated.Platform);
    }
}
