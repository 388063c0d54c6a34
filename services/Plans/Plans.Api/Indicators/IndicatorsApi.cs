using Persistence;
using SharedKernel.Errors;
using SharedKernel.Access;
using System.Security.Claims;
using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using ServiceDefaults.Http;
using Persistence.Idempotency;
using ServiceDefaults.Paging;
using ServiceDefaults.Problems;
using ServiceDefaults.Validation;

namespace Plans.Api.Indicators;

public static class IndicatorsApi
{
    private static readonly SortFields<Indicator> Sorting = new("code", new Dictionary<string, Expression<Func<Indicator, object?>>>
    {
        ["code"] = i => i.Code,
        ["name"] = i => i.Definition.Name,
        ["createdAt"] = i => i.CreatedAt,
    });

    private static readonly IReadOnlyDictionary<string, string> ReadOnlyFields = new Dictionary<string, string>
    {
        ["code"] = "An indicator's code cannot be changed.",
        ["planCode"] = "An indicator cannot move to another plan.",
    };

    public static RouteGroupBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/indicators").WithTags("Indicators").WithRequestValidation();
        group.MapGet("/", ListIndicators).WithName("ListIndicators").WithSummary("List a plan's indicators");
        group.MapPost("/", CreateIndicator).WithName("CreateIndicator").WithSummary("Add an indicator to a draft plan")
            .WithMetadata(new IdempotentAttribute())
            .RequireAuthorization(Scopes.PlansWrite);
        group.MapGet("/{indicatorCode}", GetIndicator).WithName("GetIndicator").WithSummary("Get an indicator");
        group.MapPatch("/{indicatorCode}", UpdateIndicator).WithName("UpdateIndicator")
            .WithSummary("Change an indicator (JSON merge patch; If-Match required). Once the plan is published only nameEn, category, metric, source, notes and flags can change.")
            .RequireAuthorization(Scopes.PlansWrite);
        return group;
    }

    private static async Task<Ok<PagedList<IndicatorResponse>>> ListIndicators(string code, [AsParameters] PageQuery paging,
        PlansDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        await PlanLookup.FindAsync(db, code, user, Access.Read, ct);
        var query = db.Indicators.AsNoTracking().Where(i => i.PlanCode == code);
        return TypedResults.Ok(await query.ToPagedListAsync(paging, Sorting, IndicatorResponse.From, ct));
    }

    private static async Task<Created<IndicatorResponse>> CreateIndicator(string code, CreateIndicatorRequest request,
        PlansDbContext db, TimeProvider clock, HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, code, user, Access.Write, ct);
        plan.EnsureDefinitionEditable();
        if (await db.Indicators.AnyAsync(i => i.PlanCode == code && i.Code == request.Code, ct))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, $"Plan '{code}' already has an indicator '{request.Code}'.");
        }

        var indicator = new Indicator(plan, request.Code!, request.ToDefinition(), request.ToTargets(), request.ToAnnotations(),
            request.ToFlags(), clock.GetUtcNow());
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync(ct);
        ETags.Set(response, indicator.Version);
        return TypedResults.Created(
            $"/api/v1/plans/{Uri.EscapeDataString(code)}/indicators/{Uri.EscapeDataString(indicator.Code)}",
            IndicatorResponse.From(indicator));
    }

    private static async Task<Ok<IndicatorResponse>> GetIndicator(string code, string indicatorCode, PlansDbContext db,
        HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var (_, indicator) = await PlanLookup.FindIndicatorAsync(db, code, indicatorCode, user, Access.Read, ct);
        ETags.Set(response, indicator.Version);
        return TypedResults.Ok(IndicatorResponse.From(indicator));
    }

    private static async Task<Ok<IndicatorResponse>> UpdateIndicator(string code, string indicatorCode, JsonObject patch,
        PlansDbContext db, JsonMergePatch merge, TimeProvider clock, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (plan, indicator) = await PlanLookup.FindIndicatorAsync(db, code, indicatorCode, user, Access.Write, ct);
        ETags.RequireMatch(request, indicator.Version);
        var fields = await merge.ApplyAsync(IndicatorFields.From(indicator), patch, ReadOnlyFields, ct);
        indicator.Update(plan, fields.ToDefinition(), fields.ToTargets(), fields.ToAnnotations(), fields.ToFlags(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        ETags.Set(request.HttpContext.Response, indicator.Version);
        return TypedResults.Ok(IndicatorResponse.From(indicator));
    }
}
