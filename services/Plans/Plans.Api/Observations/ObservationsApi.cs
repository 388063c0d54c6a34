using Persistence;
using SharedKernel.Errors;
using SharedKernel.Access;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using Persistence.Idempotency;
using ServiceDefaults.Paging;
using ServiceDefaults.Problems;
using ServiceDefaults.Validation;

namespace Plans.Api.Observations;

public static class ObservationsApi
{
    private static readonly SortFields<Observation> Sorting = new("year", new Dictionary<string, System.Linq.Expressions.Expression<Func<Observation, object?>>>
    {
        ["year"] = o => o.Year,
        ["recordedAt"] = o => o.RecordedAt,
    });

    public static RouteGroupBuilder MapObservationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/indicators/{indicatorCode}/observations").WithTags("Observations")
            .WithRequestValidation();
        group.MapGet("/", ListObservations).WithName("ListObservations")
            .WithSummary("List an indicator's observations, corrections included");
        group.MapPost("/", CreateObservation).WithName("CreateObservation")
            .WithSummary("Record a value for a year; a later value for the same year corrects the earlier")
            .RequireAuthorization(Scopes.PlansWrite)
            .WithMetadata(new IdempotentAttribute());
        group.MapGet("/{id:long}", GetObservation).WithName("GetObservation").WithSummary("Get one observation");
        return group;
    }

    private static async Task<Ok<PagedList<ObservationResponse>>> ListObservations(string code, string indicatorCode,
        [AsParameters] PageQuery paging, PlansDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var (_, indicator) = await PlanLookup.FindIndicatorAsync(db, code, indicatorCode, user, Access.Read, ct);
        var query = db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicator.Id);
        return TypedResults.Ok(await query.ToPagedListAsync(paging with { Sort = paging.Sort ?? "year,recordedAt" }, Sorting,
            ObservationResponse.From, ct));
    }

    private static async Task<Created<ObservationResponse>> CreateObservation(string code, string indicatorCode,
        CreateObservationRequest request, PlansDbContext db, TimeProvider clock, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        var (plan, indicator) = await PlanLookup.FindIndicatorAsync(db, code, indicatorCode, user, Access.Write, ct);
        if (indicator.Definition.BaselineYear is { } baselineYear && request.Year < baselineYear)
        {
            throw new RuleViolationException("year", $"The indicator's baseline is for {baselineYear}; observations start from that year.");
        }

        var observation = new Observation(plan, indicator, request.Year!.Value, request.Value!.Value, ObservationOrigin.Manual,
            http.User.FindFirst("client_id")?.Value, request.Note, clock.GetUtcNow());
        db.Observations.Add(observation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(
            $"/api/v1/plans/{Uri.EscapeDataString(code)}/indicators/{Uri.EscapeDataString(indicatorCode)}/observations/{observation.Id}",
            ObservationResponse.From(observation));
    }

    private static async Task<Ok<ObservationResponse>> GetObservation(string code, string indicatorCode, long id,
        PlansDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var (_, indicator) = await PlanLookup.FindIndicatorAsync(db, code, indicatorCode, user, Access.Read, ct);
        var observation = await db.Observations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.IndicatorId == indicator.Id, ct)
            ?? throw new NotFoundException("Observation", $"{code}/{indicatorCode}/{id}");
        return TypedResults.Ok(ObservationResponse.From(observation));
    }
}
