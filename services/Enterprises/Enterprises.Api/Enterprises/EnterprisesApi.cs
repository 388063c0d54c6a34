using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Enterprises.Api.Csv;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Enterprises.Api.Enterprises;

public static class EnterprisesApi
{
    public static RouteGroupBuilder MapEnterprisesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises").WithTags("Enterprises");
        group.MapGet("/", List).WithName("ListEnterprises")
            .WithSummary("List enterprises, filtered and paged; ?format=csv exports every match as CSV")
            .Produces<CursorPage<EnterpriseResponse>>(StatusCodes.Status200OK).Produces<string>(StatusCodes.Status200OK, "text/csv")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPost("/", Register).WithName("CreateEnterprise").WithSummary("Register an enterprise")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.EnterprisesWrite).WithETag().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{creditCode}", Get).WithName("GetEnterprise").WithSummary("Get an enterprise")
            .RequireAuthorization(Scopes.EnterprisesRead).WithETag();
        group.MapPatch("/{creditCode}", Patch).WithName("UpdateEnterprise")
            .WithSummary("Change an enterprise (JSON merge patch; If-Match required)").RequireAuthorization(Scopes.EnterprisesWrite)
            .AcceptsMergePatch<EnterpriseFields>();
        return group;
    }

    private static async Task<Results<Ok<CursorPage<EnterpriseResponse>>, PushStreamHttpResult>> List([AsParameters] ListEnterprises query,
        ISender sender, HttpContext http, CancellationToken ct) =>
        await sender.Send(query, ct) switch
        {
            EnterpriseListing.Csv csv => EnterpriseCsv.Export(csv.Rows, ct),
            EnterpriseListing.Page page => NextLink.Set(http, page.Items),
            _ => throw new UnreachableException(),
        };

    private static async Task<Created<EnterpriseResponse>> Register(CreateEnterpriseRequest request, ISender sender, HttpResponse response,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var registered = await sender.Send(new RegisterEnterprise(request, user), ct);
        ETags.Set(response, registered.Version);
        return TypedResults.Created($"/api/v1/enterprises/{registered.Enterprise.CreditCode}", registered.Enterprise);
    }

    private static async Task<Ok<EnterpriseResponse>> Get(string creditCode, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var found = await sender.Send(new GetEnterprise(creditCode), ct);
        ETags.Set(response, found.Version);
        return TypedResults.Ok(found.Enterprise);
    }

    private static async Task<Ok<EnterpriseResponse>> Patch(string creditCode, JsonObject patch, ISender sender, HttpRequest request,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var updated = await sender.Send(new PatchEnterprise(creditCode, patch, IfMatch.From(request), user), ct);
        ETags.Set(request.HttpContext.Response, updated.Version);
        return TypedResults.Ok(updated.Enterprise);
    }
}
