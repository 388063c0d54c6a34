using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SharedKernel.Access;

namespace Enterprises.Api.Eligibility;

public static class EligibilityApi
{
    public static RouteGroupBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/{creditCode}/eligibility").WithTags("Eligibility");
        group.MapGet("/", Get).WithName("GetEligibility")
            .WithSummary("Each criterion of the rule set in force for the application year, with the figures used, and the verdict")
            .RequireAuthorization(Scopes.EnterprisesRead);
        return group;
    }

    private static async Task<Ok<EligibilityResponse>> Get([AsParameters] GetEligibility query, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));
}
