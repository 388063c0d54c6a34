using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using SharedKernel.Regions;
using Talent.Api.Data;
using Talent.Api.Domain;
using Talent.Api.Programmes;
using Talent.Api.Talents;
using Talent.Api.Validation;

namespace Talent.Api.Recognitions;

/// <summary>GET /api/v1/talents/{talentId}/recognitions: a person's recognitions, active and revoked.</summary>
/// <param name="TalentId">The person.</param>
/// <param name="Programme">Only this programme.</param>
/// <param name="Status">active or revoked.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default), year, programme.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListTalentRecognitions([FromRoute] Guid TalentId, string? Programme, string? Status, int? Page, int? PageSize, string? Sort,
    string? Cursor, bool? Count)
    : IQuery<CursorPage<RecognitionResponse>>, IRecognitionFilter
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>
/// GET /api/v1/talents/recognitions: every recognition of the register, with where it counts, for
/// statistics systems and for rebuilding a count from the register (the stream is capped).
/// </summary>
/// <param name="Programme">Only this programme.</param>
/// <param name="Status">active or revoked.</param>
/// <param name="RegionCode">Only recognitions counted in this region or below (a zone: in that zone).</param>
/// <param name="Year">Only this year.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default), year, programme.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListRecognitions(string? Programme, string? Status, string? RegionCode, int? Year, int? Page, int? PageSize, string? Sort,
    string? Cursor, bool? Count)
    : IQuery<CursorPage<RecognitionResponse>>, IRecognitionFilter
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>GET /api/v1/talents/{talentId}/recognitions/{recognitionId}.</summary>
public sealed record GetRecognition(Guid TalentId, Guid RecognitionId) : IQuery<RecognitionResponse>;

/// <summary>The programme and status filters of the recognition lists.</summary>
public interface IRecognitionFilter
{
    string? Programme { get; }
    string? Status { get; }
}

internal abstract class RecognitionFilterValidator<T> : AbstractValidator<T> where T : IRecognitionFilter
{
    protected RecognitionFilterValidator(ProgrammeCatalog programmes)
    {
        RuleFor(q => q.Programme).Must(p => string.IsNullOrWhiteSpace(p) || programmes.Find(p) is not null)
            .WithMessage("Not a programme of GET /api/v1/talent-programmes.");
        RuleFor(q => q.Status).MustName<T, RecognitionStatus>();
    }
}

internal sealed class ListTalentRecognitionsValidator(ProgrammeCatalog programmes) : RecognitionFilterValidator<ListTalentRecognitions>(programmes);

internal sealed class ListRecognitionsValidator : RecognitionFilterValidator<ListRecognitions>
{
    public ListRecognitionsValidator(ProgrammeCatalog programmes) : base(programmes) => RuleFor(q => q.RegionCode).MustBeRegion();
}

internal sealed class RecognitionQueries(TalentDbContext db, ProgrammeCatalog programmes)
    : IQueryHandler<ListTalentRecognitions, CursorPage<RecognitionResponse>>,
        IQueryHandler<ListRecognitions, CursorPage<RecognitionResponse>>,
        IQueryHandler<GetRecognition, RecognitionResponse>
{
    private static readonly SortFields<Recognition> Sorting = new("id", new Dictionary<string, Expression<Func<Recognition, object?>>>
    {
        ["id"] = r => r.Id,
        ["year"] = r => r.Year,
        ["programme"] = r => r.Programme,
    });

    private static readonly Keyset<Recognition> Keyset = new(Sorting, "id");

    public async ValueTask<CursorPage<RecognitionResponse>> Handle(ListTalentRecognitions query, CancellationToken cancellationToken)
    {
        var person = await TalentLookup.FindBareAsync(db, query.TalentId, cancellationToken);
        return await Filter(db.Recognitions.AsNoTracking().Where(r => r.TalentId == person.Id), query)
            .ToCursorPageAsync(db.Database, Keyset, query.List, Scope(query, person.Id.ToString(), null), RecognitionResponse.From, cancellationToken);
    }

    public async ValueTask<CursorPage<RecognitionResponse>> Handle(ListRecognitions query, CancellationToken cancellationToken)
    {
        var recognitions = Filter(db.Recognitions.AsNoTracking(), query);
        if (ParameterRules.Text(query.RegionCode) is { } region)
        {
            var within = RegionCodes.Within(region);
            recognitions = recognitions.Where(r => within.Contains(r.RegionCode) || (r.ZoneCode != null && within.Contains(r.ZoneCode)));
        }

        if (query.Year is { } year)
        {
            recognitions = recognitions.Where(r => r.Year == year);
        }

        return await recognitions.ToCursorPageAsync(db.Database, Keyset, query.List,
            Scope(query, ParameterRules.Text(query.RegionCode), query.Year?.ToString(CultureInfo.InvariantCulture)), RecognitionResponse.From,
            cancellationToken);
    }

    /// <summary>The filters as the list applies them, which a cursor is bound to.</summary>
    private string Scope(IRecognitionFilter filter, string? within, string? year) => Cursors.Scope(programmes.Find(filter.Programme)?.Code,
        EnumText.ParseOptional<RecognitionStatus>(filter.Status, "status")?.ToString(), within, year);

    public async ValueTask<RecognitionResponse> Handle(GetRecognition query, CancellationToken cancellationToken) =>
        RecognitionResponse.From(await RecognitionLookup.FindAsync(db, query.TalentId, query.RecognitionId, cancellationToken));

    private IQueryable<Recognition> Filter(IQueryable<Recognition> recognitions, IRecognitionFilter filter)
    {
        if (programmes.Find(filter.Programme) is { } programme)
        {
            recognitions = recognitions.Where(r => r.Programme == programme.Code);
        }

        var status = EnumText.ParseOptional<RecognitionStatus>(filter.Status, "status");
        return status is null ? recognitions : recognitions.Where(r => r.Status == status);
    }
}
