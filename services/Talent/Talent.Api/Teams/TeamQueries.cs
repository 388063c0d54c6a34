using System.Linq.Expressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using SharedKernel.Errors;
using SharedKernel.Regions;
using Talent.Api.Data;
using Talent.Api.Domain;
using Talent.Api.Programmes;
using Talent.Api.Validation;

namespace Talent.Api.Teams;

/// <summary>GET /api/v1/teams.</summary>
/// <param name="Programme">Only teams of this programme.</param>
/// <param name="RegionCode">Only teams working in this region or below (a zone: in that zone).</param>
/// <param name="Status">active or disbanded.</param>
/// <param name="TalentId">Only teams this person leads or has been a member of.</param>
/// <param name="HostCreditCode">Only teams hosted by this enterprise.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default), name, formedOn.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListTeams(string? Programme, string? RegionCode, string? Status, Guid? TalentId, string? HostCreditCode, int? Page,
    int? PageSize, string? Sort, string? Cursor, bool? Count)
    : IQuery<CursorPage<TeamResponse>>
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>GET /api/v1/teams/{id}.</summary>
public sealed record GetTeam(Guid Id) : IQuery<TeamResult>;

internal sealed class ListTeamsValidator : AbstractValidator<ListTeams>
{
    public ListTeamsValidator(ProgrammeCatalog programmes)
    {
        RuleFor(q => q.Programme).Must(p => string.IsNullOrWhiteSpace(p) || programmes.Find(p) is not null)
            .WithMessage("Not a programme of GET /api/v1/talent-programmes.");
        RuleFor(q => q.RegionCode).MustBeRegion();
        RuleFor(q => q.Status).MustName<ListTeams, TeamStatus>();
        RuleFor(q => q.HostCreditCode).MustBeCreditCodeShape();
    }
}

internal sealed class TeamQueries(TalentDbContext db, ProgrammeCatalog programmes)
    : IQueryHandler<ListTeams, CursorPage<TeamResponse>>, IQueryHandler<GetTeam, TeamResult>
{
    private static readonly SortFields<Team> Sorting = new("id", new Dictionary<string, Expression<Func<Team, object?>>>
    {
        ["id"] = t => t.Id,
        ["name"] = t => t.Name,
        ["formedOn"] = t => t.FormedOn,
    });

    private static readonly Keyset<Team> Keyset = new(Sorting, "id");

    public async ValueTask<CursorPage<TeamResponse>> Handle(ListTeams query, CancellationToken cancellationToken)
    {
        var teams = db.Teams.AsNoTracking();
        if (programmes.Find(query.Programme) is { } programme)
        {
            teams = teams.Where(t => t.Programme == programme.Code);
        }

        if (ParameterRules.Text(query.RegionCode) is { } region)
        {
            var within = RegionCodes.Within(region);
            teams = teams.Where(t => within.Contains(t.RegionCode) || (t.ZoneCode != null && within.Contains(t.ZoneCode)));
        }

        var status = EnumText.ParseOptional<TeamStatus>(query.Status, "status");
        teams = status switch
        {
            TeamStatus.Active => teams.Where(t => t.DisbandedOn == null),
            TeamStatus.Disbanded => teams.Where(t => t.DisbandedOn != null),
            _ => teams,
        };
        if (query.TalentId is { } talent)
        {
            teams = teams.Where(t => t.LeaderId == talent || t.Members.Any(m => m.TalentId == talent));
        }

        if (ParameterRules.CreditCode(query.HostCreditCode) is { } host)
        {
            teams = teams.Where(t => t.HostCreditCode == host);
        }

        var scope = Cursors.Scope(programmes.Find(query.Programme)?.Code, ParameterRules.Text(query.RegionCode), status?.ToString(),
            query.TalentId?.ToString(), ParameterRules.CreditCode(query.HostCreditCode));
        return await teams.ToCursorPageAsync(db.Database, Keyset, query.List, scope, TeamResponse.From, cancellationToken);
    }

    public async ValueTask<TeamResult> Handle(GetTeam query, CancellationToken cancellationToken) =>
        TeamResult.Of(await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Team", query.Id.ToString()));
}
