using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Persistence.Idempotency;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using ServiceDefaults.Paging;
using SharedKernel.Access;
using SharedKernel.Errors;

namespace Platforms.Api.Tenants;

/// <summary>GET /api/v1/platforms/{id}/tenants: a platform's tenants.</summary>
/// <param name="Id">The platform.</param>
/// <param name="Active">true: only those there now; false: only those that left.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default), admittedOn, graduatedOn; ties in id order. A sort by graduatedOn pages by number only.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListTenants([FromRoute] Guid Id, bool? Active, int? Page, int? PageSize, string? Sort, string? Cursor, bool? Count)
    : IQuery<CursorPage<TenantResponse>>
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>GET /api/v1/tenants: the tenants of every platform, as a copy of the register reads them.</summary>
/// <param name="Active">true: only those there now; false: only those that left.</param>
/// <param name="Page">The page, from 1. Deep pages are cheaper by cursor.</param>
/// <param name="PageSize">Items per page, 1 to 500, default 50.</param>
/// <param name="Sort">Comma-separated fields, - for descending: id (default), admittedOn, graduatedOn; ties in id order. A sort by graduatedOn pages by number only.</param>
/// <param name="Cursor">The nextCursor of the page before, with the same filters and sort; not with page.</param>
/// <param name="Count">true: the page carries totalCount (every match counted). Default: on a page asked by number, when the matches are at most 10,000.</param>
public sealed record ListAllTenants(bool? Active, int? Page, int? PageSize, string? Sort, string? Cursor, bool? Count)
    : IQuery<CursorPage<TenantResponse>>
{
    public ListQuery List => new(Page, PageSize, Sort, Cursor, Count);
}

/// <summary>GET /api/v1/platforms/{id}/tenants/{tenantId}.</summary>
public sealed record GetTenant(Guid PlatformId, long TenantId) : IQuery<TenantResponse>;

internal sealed class GetTenantHandler(PlatformsDbContext db) : IQueryHandler<GetTenant, TenantResponse>
{
    public async ValueTask<TenantResponse> Handle(GetTenant query, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.PlatformId == query.PlatformId && t.Id == query.TenantId,
                cancellationToken)
            ?? throw new NotFoundException("Tenant", $"{query.PlatformId}/{query.TenantId}");
        var name = tenant.CreditCode is { } code ? (await db.KnownEnterprises.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code,
            cancellationToken))?.Name : null;
        return TenantResponse.From(tenant, name);
    }
}

internal sealed class ListTenantsHandler(PlatformsDbContext db) :
    IQueryHandler<ListTenants, CursorPage<TenantResponse>>,
    IQueryHandler<ListAllTenants, CursorPage<TenantResponse>>
{
    private static readonly SortFields<Tenant> Sorting = new("id", new Dictionary<string, System.Linq.Expressions.Expression<Func<Tenant, object?>>>
    {
        ["id"] = t => t.Id,
        ["admittedOn"] = t => t.AdmittedOn,
        ["graduatedOn"] = t => t.GraduatedOn,
    });

    private static readonly Keyset<Tenant> Keyset = new(Sorting, "id");

    public async ValueTask<CursorPage<TenantResponse>> Handle(ListTenants query, CancellationToken cancellationToken)
    {
        if (!await db.Platforms.AnyAsync(p => p.Id == query.Id, cancellationToken))
        {
            throw new NotFoundException("Platform", query.Id.ToString());
        }

        return await PageAsync(db.Tenants.Where(t => t.PlatformId == query.Id), query.Active, query.List, query.Id.ToString(),
            cancellationToken);
    }

    public ValueTask<CursorPage<TenantResponse>> Handle(ListAllTenants query, CancellationToken cancellationToken) =>
        PageAsync(db.Tenants, query.Active, query.List, null, cancellationToken);

    /// <summary>A page of the tenants, with the names of the enterprises among them as the register has them.</summary>
    private async ValueTask<CursorPage<TenantResponse>> PageAsync(IQueryable<Tenant> tenants, bool? active, ListQuery list, string? platform,
        CancellationToken cancellationToken)
    {
        tenants = tenants.AsNoTracking();
        if (active is { } isActive)
        {
            tenants = isActive ? tenants.Where(t => t.GraduatedOn == null) : tenants.Where(t => t.GraduatedOn != null);
        }

        var page = await tenants.ToCursorPageAsync(db.Database, Keyset, list, Cursors.Scope(platform, active?.ToString()), t => t, cancellationToken);
        var codes = page.Items.Select(t => t.CreditCode).OfType<string>().Distinct().ToList();
        var names = await db.KnownEnterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode))
            .ToDictionaryAsync(e => e.CreditCode, e => e.Name, cancellationToken);
        var items = page.Items.Select(t => TenantResponse.From(t, t.CreditCode is { } code ? names.GetValueOrDefault(code) : null)).ToList();
        return new CursorPage<TenantResponse>(items, page.Page, page.PageSize, page.TotalCount, page.NextCursor);
    }
}

/// <summary>Tenants of incubators, maker spaces and 星创天地.</summary>
public static class TenantsApi
{
    public static RouteGroupBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tenants", ListAll).WithTags("Tenants").WithName("ListTenants")
            .WithSummary("The tenants of every platform (active=true: those there now), as a copy of the register reads them")
            .RequireAuthorization(Scopes.PlatformsRead);
        var group = app.MapGroup("/api/v1/platforms/{id:guid}/tenants").WithTags("Tenants");
        group.MapGet("/", List).WithName("ListPlatformTenants").WithSummary("A platform's tenants (active=true: those there now)")
            .RequireAuthorization(Scopes.PlatformsRead);
        group.MapGet("/{tenantId:long}", Get).WithName("GetPlatformTenant").WithSummary("One of a platform's tenants")
            .RequireAuthorization(Scopes.PlatformsRead);
        group.MapPost("/", Admit).WithName("AdmitTenant")
            .WithSummary("Admit an enterprise (by credit code) or a start-up team to an incubator, maker space or 星创天地")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.PlatformsWrite).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{tenantId:long}/graduate", Graduate).WithName("GraduateTenant")
            .WithSummary("A tenant leaves: graduated, left or failed, on a day").RequireAuthorization(Scopes.PlatformsWrite).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<CursorPage<TenantResponse>>> List([AsParameters] ListTenants query, ISender sender, HttpContext http,
        CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Ok<CursorPage<TenantResponse>>> ListAll([AsParameters] ListAllTenants query, ISender sender, HttpContext http,
        CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(query, ct));

    private static async Task<Ok<TenantResponse>> Get(Guid id, long tenantId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetTenant(id, tenantId), ct));

    private static async Task<Created<TenantResponse>> Admit(Guid id, AdmitTenantRequest request, ISender sender, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var tenant = await sender.Send(new AdmitTenant(id, request, user), ct);
        return TypedResults.Created($"/api/v1/platforms/{id}/tenants/{tenant.Id}", tenant);
    }

    private static async Task<Ok<TenantResponse>> Graduate(Guid id, long tenantId, GraduateTenantRequest request, ISender sender,
        ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GraduateTenant(id, tenantId, request, user), ct));
}
