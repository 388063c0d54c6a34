using System.Linq.Expressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using Platforms.Api.Platforms;
using Platforms.Api.Validation;
using ServiceDefaults.Paging;
using SharedKernel.Errors;

namespace Platforms.Api.Rectifications;

/// <summary>GET /api/v1/platforms/{id}/rectifications: the platform's rectifications, latest first.</summary>
public sealed record ListRectifications(Guid PlatformId) : IQuery<IReadOnlyList<RectificationResponse>>;

/// <summary>GET /api/v1/platforms/{id}/revocation-proposals: the platform's revocation proposals, latest first.</summary>
public sealed record ListPlatformProposals(Guid PlatformId) : IQuery<IReadOnlyList<RevocationProposalResponse>>;

/// <summary>GET /api/v1/platforms/revocation-proposals: proposals across the register, for the authority's work list.</summary>
/// <param name="Status">Only this status: pending, revoked or dismissed.</param>
/// <param name="RegionCode">Only platforms of this region and below (a zone code: of that zone).</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: proposedOn, id (default); ties in id order.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListRevocationProposals(string? Status, string? RegionCode, int? Page, int? PageSize, string? Sort, string? Cursor,
    bool? Count) : IQuery<CursorPage<RevocationProposalResponse>>
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

internal sealed class ListRevocationProposalsValidator : AbstractValidator<ListRevocationProposals>
{
    public ListRevocationProposalsValidator()
    {
        RuleFor(q => q.Status).MustName<ListRevocationProposals, ProposalStatus>();
        RuleFor(q => q.RegionCode).MustBeRegion();
    }
}

internal sealed class RectificationQueries(PlatformsDbContext db) :
    IQueryHandler<ListRectifications, IReadOnlyList<RectificationResponse>>,
    IQueryHandler<ListPlatformProposals, IReadOnlyList<RevocationProposalResponse>>,
    IQueryHandler<ListRevocationProposals, CursorPage<RevocationProposalResponse>>
{
    private static readonly SortFields<RevocationProposal> Sorting = new("id", new Dictionary<string, Expression<Func<RevocationProposal, object?>>>
    {
        ["id"] = p => p.Id,
        ["proposedOn"] = p => p.ProposedOn,
    });

    private static readonly Keyset<RevocationProposal> Keyset = new(Sorting, "id");

    public async ValueTask<IReadOnlyList<RectificationResponse>> Handle(ListRectifications query, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(query.PlatformId, cancellationToken);
        var items = await db.Rectifications.AsNoTracking().Where(r => r.PlatformId == query.PlatformId)
            .OrderByDescending(r => r.EvaluationYear).ToListAsync(cancellationToken);
        return items.Select(RectificationResponse.From).ToList();
    }

    public async ValueTask<IReadOnlyList<RevocationProposalResponse>> Handle(ListPlatformProposals query, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(query.PlatformId, cancellationToken);
        var items = await db.RevocationProposals.AsNoTracking().Where(p => p.PlatformId == query.PlatformId)
            .OrderByDescending(p => p.Id).ToListAsync(cancellationToken);
        return items.Select(RevocationProposalResponse.From).ToList();
    }

    public async ValueTask<CursorPage<RevocationProposalResponse>> Handle(ListRevocationProposals query, CancellationToken cancellationToken)
    {
        var proposals = db.RevocationProposals.AsNoTracking();
        var status = Rules.Parse<ProposalStatus>(query.Status, "status");
        if (status is not null)
        {
            proposals = proposals.Where(p => p.Status == status);
        }

        if (Rules.Text(query.RegionCode) is { } region)
        {
            var inRegion = db.Platforms.InRegion(region).Select(p => p.Id);
            proposals = proposals.Where(p => inRegion.Contains(p.PlatformId));
        }

        return await proposals.ToCursorPageAsync(db.Database, Keyset, query.List, Cursors.Scope(status?.ToString(), Rules.Text(query.RegionCode)),
            RevocationProposalResponse.From, cancellationToken);
    }

    private async Task EnsureExistsAsync(Guid id, CancellationToken ct)
    {
        if (!await db.Platforms.AnyAsync(p => p.Id == id, ct))
        {
            throw new NotFoundException("Platform", id.ToString());
        }
    }
}
