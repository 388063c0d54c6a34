using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using ServiceDefaults.Paging;
using SharedKernel.Errors;

namespace Plans.Api.Observations;

/// <summary>One observation of an indicator.</summary>
public sealed record GetObservation(string PlanCode, string IndicatorCode, long Id, ClaimsPrincipal Caller) : IQuery<ObservationResponse>;

internal sealed class GetObservationHandler(PlansDbContext db) : IQueryHandler<GetObservation, ObservationResponse>
{
    public async ValueTask<ObservationResponse> Handle(GetObservation query, CancellationToken ct)
    {
        var (_, indicator) = await PlanLookup.FindIndicatorAsync(db, query.PlanCode, query.IndicatorCode, query.Caller, Access.Read, ct);
        var observation = await db.Observations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.Id && o.IndicatorId == indicator.Id, ct)
            ?? throw new NotFoundException("Observation", $"{query.PlanCode}/{query.IndicatorCode}/{query.Id}");
        return ObservationResponse.From(observation);
    }
}

/// <summary>An indicator's observations, corrections included; by year, then as recorded, unless sorted otherwise.</summary>
public sealed record ListObservations(string PlanCode, string IndicatorCode, ListQuery List, ClaimsPrincipal Caller)
    : IQuery<CursorPage<ObservationResponse>>, IListQuery
{
    public PageQuery Paging => List.Paging;

    internal static readonly Sorting<Observation> Sorting = new("year", new Dictionary<string, System.Linq.Expressions.Expression<Func<Observation, object?>>>
    {
        ["year"] = o => o.Year,
        ["recordedAt"] = o => o.RecordedAt,
        ["id"] = o => o.Id,
    });

    internal static readonly Keyset<Observation> Keyset = new(Sorting.Fields, "id");
}

internal sealed class ListObservationsValidator : AbstractValidator<ListObservations>
{
    public ListObservationsValidator() => Include(new PagingRules<ListObservations>(ListObservations.Sorting.Names));
}

internal sealed class ListObservationsHandler(PlansDbContext db) : IQueryHandler<ListObservations, CursorPage<ObservationResponse>>
{
    public async ValueTask<CursorPage<ObservationResponse>> Handle(ListObservations query, CancellationToken ct)
    {
        var (_, indicator) = await PlanLookup.FindIndicatorAsync(db, query.PlanCode, query.IndicatorCode, query.Caller, Access.Read, ct);
        return await db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicator.Id)
            .ToCursorPageAsync(db.Database, ListObservations.Keyset, query.List with { Sort = query.List.Sort ?? "year,recordedAt" },
                Cursors.Scope(query.PlanCode, query.IndicatorCode), ObservationResponse.From, ct);
    }
}
