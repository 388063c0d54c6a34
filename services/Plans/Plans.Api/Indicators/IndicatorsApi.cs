using System.Security.Claims;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using Plans.Api.Common;
using Plans.Api.Plans;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using ServiceDefaults.Paging;
using ServiceDefaults.Validation;
using SharedKernel.Access;

namespace Plans.Api.Indicators;

public static class IndicatorsApi
{
    private static readonly IReadOnlyDictionary<string, string> ReadOnlyFields = new Dictionary<string, string>
    {
        ["code"] = "An indicator's code cannot be changed.",
        ["planCode"] = "An indicator cannot move to another plan.",
    };

    public static RouteGroupBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/indicators").WithTags("Indicators");
        group.MapGet("/", List).WithName("ListIndicators").ReadsPlan()
            .WithSummary("List a plan's indicators, filtered by their assessment attributes (nature, municipalOutlineIndicator, municipalPerformanceIndicator)");
        group.MapPost("/", Create).WithName("CreateIndicator").WithSummary("Add an indicator to a draft plan")
            .WithMetadata(new IdempotentAttribute())
            .RequireAuthorization(Scopes.PlansWrite).WithETag().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{indicatorCode}", Get).WithName("GetIndicator").ReadsPlan().WithSummary("Get an indicator").WithETag();
        group.MapPatch("/{indicatorCode}", Update).WithName("UpdateIndicator")
            .WithSummary("Change an indicator (JSON merge patch; If-Match required). Once the plan is published only nameEn, category, metric, source, notes and flags can change.")
            .RequireAuthorization(Scopes.PlansWrite).AcceptsMergePatch<IndicatorFields>().ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<CursorPage<IndicatorResponse>>> List(string code, [AsParameters] IndicatorFilter filter,
        [AsParameters] ListQuery paging, ISender sender, HttpContext http, ClaimsPrincipal user, CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(new ListIndicators(code, filter, paging, user), ct));

    private static async Task<Created<IndicatorResponse>> Create(string code, CreateIndicatorRequest request, ISender sender,
        HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var indicator = await sender.Send(new CreateIndicator(code, request, user), ct);
        ETags.Set(response, indicator.Version);
        return TypedResults.Created(
            $"/api/v1/plans/{Uri.EscapeDataString(code)}/indicators/{Uri.EscapeDataString(indicator.Resource.Code)}",
            indicator.Resource);
    }

    private static async Task<Ok<IndicatorResponse>> Get(string code, string indicatorCode, ISender sender, HttpResponse response,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var indicator = await sender.Send(new GetIndicator(code, indicatorCode, user), ct);
        ETags.Set(response, indicator.Version);
        return TypedResults.Ok(indicator.Resource);
    }

    private static async Task<Ok<IndicatorResponse>> Update(string code, string indicatorCode, JsonObject patch, ISender sender,
        JsonMergePatch merge, HttpContext http, CancellationToken ct)
    {
        var current = await sender.Send(new GetIndicator(code, indicatorCode, http.User, Access.Write), ct);
        var expected = IfMatch.From(http.Request).Expect(current.Version);
        var fields = await merge.ApplyAsync(IndicatorFields.From(current.Resource), patch, ReadOnlyFields, ct);
        var indicator = await sender.Send(new UpdateIndicator(code, indicatorCode, fields, expected, http.User), ct);
        ETags.Set(http.Response, indicator.Version);
        return TypedResults.Ok(indicator.Resource);
    }
}
