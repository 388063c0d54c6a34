using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Enterprises.Api.Designations;

/// <summary>An enterprise's designations: add, read, end, withdraw.</summary>
public static class DesignationsApi
{
    public static RouteGroupBuilder MapDesignationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/{creditCode}/designations").WithTags("Designations");
        group.MapGet("/", List).WithName("ListEnterpriseDesignations")
            .WithSummary("List an enterprise's designations, of every status").RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPost("/", Add).WithName("AddDesignation")
            .WithSummary("Add a designation (board required for Listed); Listed ends a current ListingReserve, Unicorn a current PotentialUnicorn, on its since day")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.EnterprisesWrite).WithETag().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:long}", Get).WithName("GetDesignation").WithSummary("Get one of an enterprise's designations")
            .RequireAuthorization(Scopes.EnterprisesRead).WithETag();
        group.MapPost("/{id:long}/end", End).WithName("EndDesignation")
            .WithSummary("End a current designation on endedOn (default today); If-Match honoured when sent")
            .RequireAuthorization(Scopes.EnterprisesWrite).AcceptsIfMatch().WithETag().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/withdraw", Withdraw).WithName("WithdrawDesignation")
            .WithSummary("Withdraw a designation recorded in error: it counts nowhere from then on; If-Match honoured when sent")
            .RequireAuthorization(Scopes.EnterprisesWrite).AcceptsIfMatch().WithETag().ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<CursorPage<DesignationResponse>>> List([AsParameters] ListEnterpriseDesignations query, ISender sender,
        HttpContext http,
        CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Created<DesignationResponse>> Add(string creditCode, AddDesignationRequest request, ISender sender,
        HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var added = await sender.Send(new AddDesignation(creditCode, request, user), ct);
        ETags.Set(response, added.Version);
        return TypedResults.Created($"/api/v1/enterprises/{added.Designation.CreditCode}/designations/{added.Designation.Id}", added.Designation);
    }

    private static async Task<Ok<DesignationResponse>> Get(string creditCode, long id, ISender sender, HttpResponse response,
        CancellationToken ct) =>
        Versioned(response, await sender.Send(new GetDesignation(creditCode, id), ct));

    private static async Task<Ok<DesignationResponse>> End(string creditCode, long id, EndDesignationRequest request, ISender sender,
        HttpContext http, CancellationToken ct) =>
        Versioned(http.Response, await sender.Send(new EndDesignation(creditCode, id, request, IfMatch.From(http.Request), http.User), ct));

    private static async Task<Ok<DesignationResponse>> Withdraw(string creditCode, long id, WithdrawDesignationRequest request,
        ISender sender, HttpContext http, CancellationToken ct) =>
        Versioned(http.Response, await sender.Send(new WithdrawDesignation(creditCode, id, request, IfMatch.From(http.Request), http.User), ct));

    private static Ok<DesignationResponse> Versioned(HttpResponse response, DesignationResult result)
    {
        ETags.Set(response, result.Version);
        return TypedResults.Ok(result.Designation);
    }
}
