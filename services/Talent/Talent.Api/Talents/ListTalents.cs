using System.Linq.Expressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using SharedKernel.Regions;
using Talent.Api.Data;
using Talent.Api.Domain;
using Talent.Api.Programmes;
using Talent.Api.Validation;

namespace Talent.Api.Talents;

/// <summary>
/// GET /api/v1/talents: the people that match, a page of them as JSON or all of them as CSV. There is
/// no filter by identity number or phone here: those travel in the body of POST /api/v1/talents/lookup.
/// </summary>
/// <param name="RegionCode">A region and the regions below it: 120000 lists all, a zone code lists the people working in that zone.</param>
/// <param name="ZoneCode">Only people working in this functional zone.</param>
/// <param name="Nationality">Only this nationality (ISO 3166-1 alpha-2).</param>
/// <param name="Programme">Only people holding an active recognition of this programme.</param>
/// <param name="Education">doctorate, master, bachelor or other.</param>
/// <param name="Field">Only this field (exact).</param>
/// <param name="EmployerCreditCode">Only people employed by this enterprise.</param>
/// <param name="Q">Words in the name.</param>
/// <param name="Format">json (default, paged) or csv (every match, UTF-8 with a byte order mark and a header row, the import's columns).</param>
/// <param name="IncludePersonalData">csv only: true adds the idNumber and phone columns, for callers holding talent.pii (403 otherwise). Default false.</param>
/// <param name="Page">The page, from 1 (JSON only). Deep pages are cheaper by cursor.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50 (JSON only).</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default, the order of registration), name, regionCode, birthYear, createdAt, updatedAt; ties in id order.</param>
/// <param name="Cursor">The nextCursor of the page before (JSON only), with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListTalents(string? RegionCode, string? ZoneCode, string? Nationality, string? Programme, string? Education, string? Field,
    string? EmployerCreditCode, string? Q, string? Format, bool? IncludePersonalData, int? Page, int? PageSize, string? Sort, string? Cursor,
    bool? Count) : IQuery<TalentListing>
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);

    public bool IsCsv => ParameterRules.Text(Format)?.ToLowerInvariant() == "csv";
}

/// <summary>What the list answers: a page (JSON) or every match (CSV).</summary>
public abstract record TalentListing
{
    public sealed record Page(CursorPage<TalentResponse> Items) : TalentListing;

    /// <summary>The matching people, read from the database as the CSV is written.</summary>
    public sealed record Csv(IAsyncEnumerable<Person> Rows, bool IncludePersonalData) : TalentListing;
}

internal sealed class ListTalentsValidator : AbstractValidator<ListTalents>
{
    public ListTalentsValidator(ProgrammeCatalog programmes)
    {
        RuleFor(q => q.RegionCode).MustBeRegion();
        RuleFor(q => q.ZoneCode).MustBeZone();
        RuleFor(q => q.Nationality).Must(n => string.IsNullOrWhiteSpace(n) || Nationalities.IsKnown(Nationalities.Normalize(n)))
            .WithMessage("'nationality' must be an ISO 3166-1 alpha-2 code such as CN, US or DE.");
        RuleFor(q => q.Programme).Must(p => string.IsNullOrWhiteSpace(p) || programmes.Find(p) is not null)
            .WithMessage("Not a programme of GET /api/v1/talent-programmes.");
        RuleFor(q => q.Education).MustName<ListTalents, Education>();
        RuleFor(q => q.EmployerCreditCode).MustBeCreditCodeShape();
        RuleFor(q => q.Format).Must(format => ParameterRules.Text(format)?.ToLowerInvariant() is null or "json" or "csv")
            .WithMessage("Use json (the default) or csv.");
        RuleFor(q => q.IncludePersonalData).Must((q, include) => include != true || q.IsCsv)
            .WithMessage("'includePersonalData' applies to format=csv; JSON shows personal data to holders of talent.pii anyway.");
    }
}

internal sealed class ListTalentsHandler(TalentDbContext db, ProgrammeCatalog programmes) : IQueryHandler<ListTalents, TalentListing>
{
    internal static readonly SortFields<Person> Sorting = new("id", new Dictionary<string, Expression<Func<Person, object?>>>
    {
        ["id"] = p => p.Id,
        ["name"] = p => p.Name,
        ["regionCode"] = p => p.RegionCode,
        ["birthYear"] = p => p.BirthYear,
        ["createdAt"] = p => p.CreatedAt,
        ["updatedAt"] = p => p.UpdatedAt,
    });

    private static readonly Keyset<Person> Keyset = new(Sorting, "id");

    public async ValueTask<TalentListing> Handle(ListTalents query, CancellationToken cancellationToken)
    {
        var matches = Filter(query);
        if (query.IsCsv)
        {
            return new TalentListing.Csv(Sorting.Apply(matches, query.Sort).AsAsyncEnumerable(), query.IncludePersonalData == true);
        }

        return new TalentListing.Page(await matches.WithActiveRecognitions()
            .ToCursorPageAsync(db.Database, Keyset, query.List, Scope(query), TalentResponse.From, cancellationToken));
    }

    /// <summary>The filters as <see cref="Filter"/> applies them, which a cursor is bound to.</summary>
    private string Scope(ListTalents filter) => Cursors.Scope(ParameterRules.Text(filter.RegionCode), ParameterRules.Text(filter.ZoneCode),
        ParameterRules.Text(filter.Nationality) is { } nationality ? Nationalities.Normalize(nationality) : null,
        programmes.Find(filter.Programme)?.Code, EnumText.ParseOptional<Education>(filter.Education, "education")?.ToString(),
        ParameterRules.Text(filter.Field), ParameterRules.CreditCode(filter.EmployerCreditCode), ParameterRules.Text(filter.Q)?.ToLower());

    private IQueryable<Person> Filter(ListTalents filter)
    {
        var people = db.People.AsNoTracking();
        if (ParameterRules.Text(filter.RegionCode) is { } region)
        {
            var within = RegionCodes.Within(region);
            people = people.Where(p => within.Contains(p.RegionCode) || (p.ZoneCode != null && within.Contains(p.ZoneCode)));
        }

        if (ParameterRules.Text(filter.ZoneCode) is { } zone)
        {
            people = people.Where(p => p.ZoneCode == zone);
        }

        if (ParameterRules.Text(filter.Nationality) is { } nationality)
        {
            var code = Nationalities.Normalize(nationality);
            people = people.Where(p => p.Nationality == code);
        }

        if (programmes.Find(filter.Programme) is { } programme)
        {
            people = people.Where(p => p.Recognitions.Any(r => r.Programme == programme.Code && r.Status == RecognitionStatus.Active));
        }

        if (EnumText.ParseOptional<Education>(filter.Education, "education") is { } education)
        {
            people = people.Where(p => p.Education == education);
        }

        if (ParameterRules.Text(filter.Field) is { } field)
        {
            people = people.Where(p => p.Field == field);
        }

        if (ParameterRules.CreditCode(filter.EmployerCreditCode) is { } employer)
        {
            people = people.Where(p => p.EmployerCreditCode == employer);
        }

        if (ParameterRules.Text(filter.Q) is { } words)
        {
            var lower = words.ToLower();
            people = people.Where(p => p.Name.ToLower().Contains(lower));
        }

        return people;
    }
}
