using Persistence;
using Enterprises.Contracts;
using SharedKernel.Errors;
using SharedKernel.Time;
using SharedKernel.Access;
using System.Linq.Expressions;
using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Events;
using EventBus;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Persistence.Idempotency;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using ServiceDefaults.Problems;
using ServiceDefaults.Validation;

namespace Enterprises.Api.Qualifications;

/// <summary>An enterprise's qualifications: grant, read, revoke.</summary>
public static class QualificationsApi
{
    internal static readonly SortFields<Qualification> Sorting = new("id", new Dictionary<string, Expression<Func<Qualification, object?>>>
    {
        ["id"] = q => q.Id,
        ["type"] = q => q.Type,
        ["grantedOn"] = q => q.GrantedOn,
        ["expiresOn"] = q => q.ExpiresOn,
        ["creditCode"] = q => q.CreditCode,
    });

    public static RouteGroupBuilder MapQualificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/{creditCode}/qualifications").WithTags("Qualifications").WithRequestValidation();
        group.MapGet("/", ListQualifications).WithName("ListEnterpriseQualifications")
            .WithSummary("List an enterprise's qualifications, of every status").RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPost("/", GrantQualification).WithName("GrantQualification")
            .WithSummary("Grant a qualification (expiresOn required for Eagle, Gazelle, Leader, LeaderCultivation)")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.EnterprisesWrite);
        group.MapGet("/{id:long}", GetQualification).WithName("GetQualification").WithSummary("Get one of an enterprise's qualifications")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPost("/{id:long}/revoke", RevokeQualification).WithName("RevokeQualification")
            .WithSummary("Revoke a valid qualification, as of revokedOn (default today)").RequireAuthorization(Scopes.EnterprisesWrite);
        return group;
    }

    private static async Task<Ok<PagedList<QualificationResponse>>> ListQualifications(string creditCode,
        [AsParameters] QualificationFilter filter, [AsParameters] PageQuery paging, EnterprisesDbContext db, CancellationToken ct)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, creditCode, ct);
        var query = Filter(db.Qualifications.AsNoTracking().Where(q => q.CreditCode == enterprise.CreditCode), filter);
        return TypedResults.Ok(await query.ToPagedListAsync(paging, Sorting, QualificationResponse.From, ct));
    }

    /// <summary>The type and status filters, shared with the register-wide list.</summary>
    internal static IQueryable<Qualification> Filter(IQueryable<Qualification> query, QualificationFilter filter)
    {
        var type = EnumText.ParseOptional<QualificationType>(filter.Type, "type");
        var status = EnumText.ParseOptional<QualificationStatus>(filter.Status, "status");
        if (type is not null)
        {
            query = query.Where(q => q.Type == type);
        }

        return status is null ? query : query.Where(q => q.Status == status);
    }

    /// <summary>
    /// The row is saved first for its id, then the event that carries the id, both inside one
    /// transaction: the grant and its outbox entry commit together or not at all. A grant whose term
    /// has already ended (a late registration) is recorded as expired and reports both events.
    /// </summary>
    private static async Task<Created<QualificationResponse>> GrantQualification(string creditCode, GrantQualificationRequest request,
        EnterprisesDbContext db, IEventBus events, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, creditCode, ct);
        EnterpriseLookup.EnsureWritable(user, enterprise);
        var type = request.Type!.Value;
        var grantedOn = request.GrantedOn!.Value;
        var expiresOn = request.ExpiresOn ?? QualificationTerms.DefaultExpiry(type, grantedOn)!.Value;
        if (grantedOn < enterprise.FoundedOn)
        {
            throw new RuleViolationException("grantedOn", $"The enterprise was founded on {enterprise.FoundedOn:yyyy-MM-dd}, after this grant.");
        }

        var overlapping = await db.Qualifications.AsNoTracking()
            .Where(q => q.CreditCode == enterprise.CreditCode && q.Type == type && q.Status == QualificationStatus.Valid
                && q.GrantedOn <= expiresOn && grantedOn <= q.ExpiresOn)
            .FirstOrDefaultAsync(ct);
        if (overlapping is not null)
        {
            throw new ConflictException(EnterpriseErrors.QualificationOverlaps,
                $"Enterprise '{enterprise.CreditCode}' already holds a valid {type} qualification ({overlapping.Id}, " +
                $"{overlapping.GrantedOn:yyyy-MM-dd} to {overlapping.ExpiresOn:yyyy-MM-dd}) overlapping {grantedOn:yyyy-MM-dd} to {expiresOn:yyyy-MM-dd}.");
        }

        var qualification = new Qualification
        {
            CreditCode = enterprise.CreditCode,
            Type = type,
            CertificateNumber = string.IsNullOrWhiteSpace(request.CertificateNumber) ? null : request.CertificateNumber.Trim(),
            GrantedOn = grantedOn,
            ExpiresOn = expiresOn,
            Status = QualificationStatus.Valid,
        };
        var endedAlready = qualification.ExpireIfEnded(clock.Today());
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Qualifications.Add(qualification);
        await db.SaveChangesAsync(ct);
        events.Publish(EventFactory.Granted(qualification, enterprise));
        if (endedAlready)
        {
            events.Publish(EventFactory.Expired(qualification, enterprise.RegionCode, enterprise.ZoneCode));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/enterprises/{enterprise.CreditCode}/qualifications/{qualification.Id}",
            QualificationResponse.From(qualification));
    }

    private static async Task<Ok<QualificationResponse>> GetQualification(string creditCode, long id, EnterprisesDbContext db,
        CancellationToken ct)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, creditCode, ct);
        return TypedResults.Ok(QualificationResponse.From(await FindAsync(db, enterprise, id, ct)));
    }

    private static async Task<Ok<QualificationResponse>> RevokeQualification(string creditCode, long id,
        RevokeQualificationRequest request, EnterprisesDbContext db, IEventBus events, TimeProvider clock, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var enterprise = await EnterpriseLookup.FindBareAsync(db, creditCode, ct);
        EnterpriseLookup.EnsureWritable(user, enterprise);
        var qualification = await FindAsync(db, enterprise, id, ct);
        var today = clock.Today();
        qualification.Revoke(request.RevokedOn ?? today, request.Reason!.Trim(), today);
        events.Publish(EventFactory.Revoked(qualification, enterprise));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(QualificationResponse.From(qualification));
    }

    private static async Task<Qualification> FindAsync(EnterprisesDbContext db, Enterprise enterprise, long id, CancellationToken ct) =>
        await db.Qualifications.SingleOrDefaultAsync(q => q.CreditCode == enterprise.CreditCode && q.Id == id, ct)
        ?? throw new NotFoundException("Qualification", $"{enterprise.CreditCode}/{id}");
}
