using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDefaults.Paging;
using SharedKernel.Access;

namespace Enterprises.Api.Designations;

/// <summary>Every designation across the register, for reconciliation by the Plans service.</summary>
public static class DesignationRegisterApi
{
    public static RouteHandlerBuilder MapDesignationRegisterApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/designations", List).WithTags("Designations").WithName("ListDesignations")
            .WithSummary("Every designation of every enterprise, with the enterprise's region and zone; paged (pageSize up to 500)")
            .RequireAuthorization(Scopes.EnterprisesRead);

    private static async Task<Ok<CursorPage<DesignationRecord>>> List([AsParameters] ListDesignations query, ISender sender, HttpContext http,
        CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));
}
