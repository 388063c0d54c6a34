using Persistence;
using SharedKernel.Access;
using System.Linq.Expressions;
using Enterprises.Api.Data;
using Enterprises.Api.Enterprises;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Auth;
using ServiceDefaults.Paging;

namespace Enterprises.Api.Qualifications;

/// <summary>Every qualification across the register (for reconciliation by the Plans service), and the expiry pass on demand.</summary>
public static class QualificationRegisterApi
{
    public static RouteGroupBuilder MapQualificationRegisterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/qualifications").WithTags("Qualifications");
        group.MapGet("/", ListAllQualifications).WithName("ListQualifications")
            .WithSummary("Every qualification of every enterprise, with the enterprise's region and zone; paged (pageSize up to 500)")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPost("/expire", ExpireNow).WithName("ExpireQualifications")
            .WithSummary("Run the daily expiry pass now: valid qualifications past expiresOn become expired (admin)")
            .RequireAuthorization(Scopes.Admin);
        return group;
    }

    private static async Task<Ok<PagedList<QualificationRecord>>> ListAllQualifications([AsParameters] QualificationFilter filter,
        [AsParameters] PageQuery paging, EnterprisesDbContext db, CancellationToken ct)
    {
        var query = QualificationsApi.Filter(db.Qualifications.AsNoTracking(), filter);
        if (!string.IsNullOrWhiteSpace(filter.RegionCode))
        {
            var inRegion = db.Enterprises.InRegion(filter.RegionCode, "regionCode").Select(e => e.CreditCode);
            query = query.Where(q => inRegion.Contains(q.CreditCode));
        }

        var page = await query.ToPagedListAsync(paging, QualificationsApi.Sorting, q => q, ct);
        var codes = page.Items.Select(q => q.CreditCode).Distinct().ToList();
        var places = await db.Enterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode))
            .Select(e => new { e.CreditCode, e.RegionCode, e.ZoneCode })
            .ToDictionaryAsync(e => e.CreditCode, ct);
        var items = page.Items.Select(q => QualificationRecord.From(q, places[q.CreditCode].RegionCode, places[q.CreditCode].ZoneCode)).ToList();
        return TypedResults.Ok(new PagedList<QualificationRecord>(items, page.Page, page.PageSize, page.TotalCount));
    }

    private static async Task<Ok<ExpiryResult>> ExpireNow(QualificationExpiry expiry, CancellationToken ct) =>
        TypedResults.Ok(await expiry.RunAsync(ct));
}
