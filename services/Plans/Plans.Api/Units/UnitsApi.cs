using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Plans.Api.Plans;

namespace Plans.Api.Units;

public static class UnitsApi
{
    public static RouteGroupBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/units").WithTags("Units");
        group.MapGet("/", List).WithName("ListPlanUnits").ReadsPlan()
            .WithSummary("The units a plan names as lead (牵头) or responsible (责任) on its indicators and tasks");
        group.MapGet("/{unit}/obligations", Obligations).WithName("GetUnitObligations").ReadsPlan()
            .WithSummary("What a unit owes the plan for a year: its indicators' figures (owed, how far, late) and its tasks; 404 for a unit the plan does not name, 422 for a year outside the plan's period")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static async Task<Ok<PlanUnitsResponse>> List(string code, ISender sender, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPlanUnits(code, user), ct));

    /// <param name="code">The plan.</param>
    /// <param name="unit">The unit's name as the plan prints it, e.g. 区科技局.</param>
    /// <param name="year">The year (default: the current one); within the plan's period.</param>
    private static async Task<Ok<UnitObligationsResponse>> Obligations(string code, string unit, int? year, ISender sender,
        ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetUnitObligations(code, unit, year, user), ct));
}
