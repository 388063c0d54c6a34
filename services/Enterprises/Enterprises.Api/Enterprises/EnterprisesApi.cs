using Persistence;
using Enterprises.Contracts;
using SharedKernel.Errors;
using SharedKernel.Time;
using SharedKernel.Access;
using System.Linq.Expressions;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Enterprises.Api.Csv;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Events;
using EventBus;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Http;
using Persistence.Idempotency;
using ServiceDefaults.Paging;
using ServiceDefaults.Problems;
using ServiceDefaults.Validation;

namespace Enterprises.Api.Enterprises;

public static class EnterprisesApi
{
    internal static readonly SortFields<Enterprise> Sorting = new("creditCode", new Dictionary<string, Expression<Func<Enterprise, object?>>>
    {
        ["creditCode"] = e => e.CreditCode,
        ["name"] = e => e.Name,
        ["regionCode"] = e => e.RegionCode,
        ["foundedOn"] = e => e.FoundedOn,
        ["createdAt"] = e => e.CreatedAt,
        ["updatedAt"] = e => e.UpdatedAt,
    });

    private static readonly IReadOnlyDictionary<string, string> ReadOnlyFields = new Dictionary<string, string>
    {
        ["creditCode"] = "The credit code identifies the enterprise and cannot be changed.",
        ["qualifications"] = "Qualifications are granted and revoked through .../qualifications.",
    };

    public static RouteGroupBuilder MapEnterprisesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises").WithTags("Enterprises").WithRequestValidation();
        group.MapGet("/", ListEnterprises).WithName("ListEnterprises")
            .WithSummary("List enterprises, filtered and paged; ?format=csv exports every match as CSV")
            .Produces<PagedList<EnterpriseResponse>>(StatusCodes.Status200OK).Produces<string>(StatusCodes.Status200OK, "text/csv")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPost("/", CreateEnterprise).WithName("CreateEnterprise").WithSummary("Register an enterprise")
            .WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.EnterprisesWrite);
        group.MapGet("/{creditCode}", GetEnterprise).WithName("GetEnterprise").WithSummary("Get an enterprise")
            .RequireAuthorization(Scopes.EnterprisesRead);
        group.MapPatch("/{creditCode}", UpdateEnterprise).WithName("UpdateEnterprise")
            .WithSummary("Change an enterprise (JSON merge patch; If-Match required)").RequireAuthorization(Scopes.EnterprisesWrite);
        return group;
    }

    private static async Task<Results<Ok<PagedList<EnterpriseResponse>>, PushStreamHttpResult>> ListEnterprises(
        [AsParameters] EnterpriseFilter filter, [AsParameters] PageQuery paging, EnterprisesDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var format = filter.Format?.Trim().ToLowerInvariant();
        if (format is not (null or "" or "json" or "csv"))
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, $"Unknown format '{filter.Format}'.",
                new Dictionary<string, string[]> { ["format"] = ["Use json (the default) or csv."] });
        }

        var today = clock.Today();
        var query = EnterpriseQuery.Apply(db, filter, today);
        if (format == "csv")
        {
            // The CSV carries no qualifications, so they are not loaded for it.
            return EnterpriseCsv.Export(Sorting.Apply(query, paging.Sort));
        }

        return TypedResults.Ok(await query.WithCurrentQualifications(today).ToPagedListAsync(paging, Sorting, EnterpriseResponse.From, ct));
    }

    private static async Task<Created<EnterpriseResponse>> CreateEnterprise(CreateEnterpriseRequest request, EnterprisesDbContext db,
        IEventBus events, TimeProvider clock, HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var code = EnterpriseLookup.Normalize(request.CreditCode);
        EnterpriseLookup.EnsureWritable(user, request.RegionCode!, request.ZoneCode);
        if (await db.Enterprises.AnyAsync(e => e.CreditCode == code, ct))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, $"Enterprise '{code}' is already on the register.");
        }

        var enterprise = new Enterprise { CreditCode = code };
        request.ApplyTo(enterprise);
        enterprise.Touch(clock.GetUtcNow());
        db.Enterprises.Add(enterprise);
        events.Publish(EventFactory.Registered(enterprise));
        await db.SaveChangesAsync(ct);
        ETags.Set(response, enterprise.Version);
        return TypedResults.Created($"/api/v1/enterprises/{code}", EnterpriseResponse.From(enterprise));
    }

    private static async Task<Ok<EnterpriseResponse>> GetEnterprise(string creditCode, EnterprisesDbContext db, TimeProvider clock,
        HttpResponse response, CancellationToken ct)
    {
        var enterprise = await EnterpriseLookup.FindAsync(db, creditCode, clock.Today(), ct);
        ETags.Set(response, enterprise.Version);
        return TypedResults.Ok(EnterpriseResponse.From(enterprise));
    }

    private static async Task<Ok<EnterpriseResponse>> UpdateEnterprise(string creditCode, JsonObject patch, EnterprisesDbContext db,
        JsonMergePatch merge, IEventBus events, TimeProvider clock, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var enterprise = await EnterpriseLookup.FindAsync(db, creditCode, clock.Today(), ct);
        EnterpriseLookup.EnsureWritable(user, enterprise);
        ETags.RequireMatch(request, enterprise.Version);
        var fields = await merge.ApplyAsync(EnterpriseFields.From(enterprise), patch, ReadOnlyFields, ct);
        EnterpriseLookup.EnsureWritable(user, fields.RegionCode!, fields.ZoneCode);
        await FirstRecords.EnsureFoundingPrecedesAsync(db, enterprise, fields.FoundedOn!.Value, ct);
        if (fields.ApplyTo(enterprise))
        {
            enterprise.Touch(clock.GetUtcNow());
            events.Publish(EventFactory.Updated(enterprise));
            await db.SaveChangesAsync(ct);
        }

        ETags.Set(request.HttpContext.Response, enterprise.Version);
        return TypedResults.Ok(EnterpriseResponse.From(enterprise));
    }
}
