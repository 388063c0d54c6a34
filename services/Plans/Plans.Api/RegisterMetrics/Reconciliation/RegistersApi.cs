using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SharedKernel.Access;

namespace Plans.Api.RegisterMetrics.Reconciliation;

public static class RegistersApi
{
    public static RouteGroupBuilder MapRegistersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/registers").WithTags("Registers");
        group.MapPost("/{register}/reconcile", Reconcile).WithName("ReconcileRegister")
            .WithSummary("Rebuild the local copy of a register from its owner's API, recount its metrics and refresh every bound indicator (admin; also done at start-up)")
            .RequireAuthorization(Scopes.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    /// <param name="register">A connected register: enterprises (see the API description).</param>
    private static async Task<Ok<ReconcileReport>> Reconcile(string register, ISender sender, RegisterReconciliation reconciliation,
        CancellationToken ct) =>
        TypedResults.Ok(await reconciliation.RunAsync(sender, register, ct));
}
