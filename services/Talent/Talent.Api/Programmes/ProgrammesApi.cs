using System.Linq.Expressions;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDefaults.Paging;
using SharedKernel.Errors;
using SharedKernel.Regions;
using Talent.Api.Domain;
using Talent.Api.Validation;

namespace Talent.Api.Programmes;

/// <summary>A talent programme.</summary>
/// <param name="Code">Its stable code: the {Programme} of the metric talent.recognized.{Programme}, and what recognitions and teams name.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Level">national, municipal or district.</param>
/// <param name="Issuer">Who runs it.</param>
/// <param name="RegionCode">Where it applies (120000 for Tianjin).</param>
/// <param name="StartYear">The year it began: recognitions are for this year or later.</param>
/// <param name="Tiers">The tiers a recognition names, when the programme has tiers.</param>
public sealed record ProgrammeResponse(string Code, string Name, string NameEn, ProgrammeLevel Level, string Issuer, string RegionCode,
    int StartYear, IReadOnlyList<string> Tiers)
{
    public static ProgrammeResponse From(Programme p) => new(p.Code, p.Name, p.NameEn, p.Level, p.Issuer, p.RegionCode, p.StartYear, p.Tiers);
}

/// <summary>GET /api/v1/talent-programmes.</summary>
/// <param name="Level">Only this level: national, municipal or district.</param>
/// <param name="RegionCode">Only programmes of this region and the regions above it (a district sees Tianjin's too).</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: code (default), startYear, level.</param>
public sealed record ListProgrammes(string? Level, string? RegionCode, int? Page, int? PageSize, string? Sort) : IQuery<PagedList<ProgrammeResponse>>;

/// <summary>GET /api/v1/talent-programmes/{code}.</summary>
public sealed record GetProgramme(string Code) : IQuery<ProgrammeResponse>;

internal sealed class ListProgrammesValidator : AbstractValidator<ListProgrammes>
{
    public ListProgrammesValidator()
    {
        RuleFor(q => q.Level).MustName<ListProgrammes, ProgrammeLevel>();
        RuleFor(q => q.RegionCode).MustBeRegion();
    }
}

internal sealed class ProgrammeQueries(ProgrammeCatalog catalog)
    : IQueryHandler<ListProgrammes, PagedList<ProgrammeResponse>>, IQueryHandler<GetProgramme, ProgrammeResponse>
{
    private static readonly SortFields<Programme> Sorting = new("code", new Dictionary<string, Expression<Func<Programme, object?>>>
    {
        ["code"] = p => p.Code,
        ["startYear"] = p => p.StartYear,
        ["level"] = p => p.Level,
    });

    public ValueTask<PagedList<ProgrammeResponse>> Handle(ListProgrammes query, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.PageSize, query.Sort);
        paging.EnsureValid();
        var level = ServiceDefaults.Json.EnumText.ParseOptional<ProgrammeLevel>(query.Level, "level");
        var region = string.IsNullOrWhiteSpace(query.RegionCode) ? null : query.RegionCode.Trim();
        var matches = catalog.All
            .Where(p => level is null || p.Level == level)
            .Where(p => region is null || RegionCodes.Contains(p.RegionCode, region))
            .ToList();
        var page = Sorting.Apply(matches.AsQueryable(), paging.Sort)
            .Skip((int)Math.Min((long)(paging.PageNumber - 1) * paging.Size, int.MaxValue)).Take(paging.Size)
            .Select(ProgrammeResponse.From).ToList();
        return ValueTask.FromResult(new PagedList<ProgrammeResponse>(page, paging.PageNumber, paging.Size, matches.Count));
    }

    public ValueTask<ProgrammeResponse> Handle(GetProgramme query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ProgrammeResponse.From(catalog.Find(query.Code) ?? throw new NotFoundException("Programme", query.Code)));
}

/// <summary>The programmes: public reference data, like the region tree.</summary>
public static class ProgrammesApi
{
    public static RouteGroupBuilder MapProgrammesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/talent-programmes").WithTags("Programmes").AllowAnonymous();
        group.MapGet("/", List).WithName("ListTalentProgrammes").WithSummary("The talent programmes recognitions and teams name, with level, issuer and first year");
        group.MapGet("/{code}", Get).WithName("GetTalentProgramme").WithSummary("One programme");
        return group;
    }

    private static async Task<Ok<PagedList<ProgrammeResponse>>> List([AsParameters] ListProgrammes query, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));

    private static async Task<Ok<ProgrammeResponse>> Get(string code, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetProgramme(code), ct));
}
