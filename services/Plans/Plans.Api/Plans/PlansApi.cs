using Persistence;
using SharedKernel.Errors;
using SharedKernel.Access;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using System.Security.Claims;
using Plans.Api.Domain;
using Plans.Api.Regions;
using ServiceDefaults.Auth;
using ServiceDefaults.Http;
using Persistence.Idempotency;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using ServiceDefaults.Problems;
using ServiceDefaults.Validation;

namespace Plans.Api.Plans;

public static class PlansApi
{
    private static readonly SortFields<Plan> Sorting = new("code", new Dictionary<string, System.Linq.Expressions.Expression<Func<Plan, object?>>>
    {
        ["code"] = p => p.Code,
        ["title"] = p => p.Details.Title,
        ["periodStart"] = p => p.Details.PeriodStart,
        ["issuedOn"] = p => p.Details.IssuedOn,
        ["createdAt"] = p => p.CreatedAt,
        ["updatedAt"] = p => p.UpdatedAt,
    });

    private static readonly IReadOnlyDictionary<string, string> ReadOnlyFields = new Dictionary<string, string>
    {
        ["code"] = "A plan's code cannot be changed.",
        ["status"] = "Status changes through POST .../publish and .../archive.",
    };

    public static RouteGroupBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans").WithTags("Plans").WithRequestValidation();
        group.MapGet("/", ListPlans).WithName("ListPlans").WithSummary("List plans, filtered and paged");
        group.MapPost("/", CreatePlan).WithName("CreatePlan").WithSummary("Create a draft plan").WithMetadata(new IdempotentAttribute())
            .RequireAuthorization(Scopes.PlansWrite);
        group.MapGet("/{code}", GetPlan).WithName("GetPlan").WithSummary("Get a plan");
        group.MapPatch("/{code}", UpdatePlan).WithName("UpdatePlan")
            .WithSummary("Change a draft plan (JSON merge patch; If-Match required)").RequireAuthorization(Scopes.PlansWrite);
        group.MapPost("/{code}/publish", PublishPlan).WithName("PublishPlan").WithSummary("Publish a draft plan")
            .RequireAuthorization(Scopes.PlansWrite);
        group.MapPost("/{code}/archive", ArchivePlan).WithName("ArchivePlan").WithSummary("Archive a plan; it then takes no changes")
            .RequireAuthorization(Scopes.PlansWrite);
        group.MapDelete("/{code}", DeletePlan).WithName("DeletePlan")
            .WithSummary("Delete a draft plan with its indicators and tasks (If-Match honoured when sent)")
            .RequireAuthorization(Scopes.PlansWrite);
        group.MapGet("/{code}/document", GetDocument).WithName("GetPlanDocument")
            .WithSummary("The full text of the plan's source document (text/plain; charset=utf-8)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return group;
    }

    /// <summary>Anonymous callers and clients without plans.read see published and archived plans only.</summary>
    private static async Task<Ok<PagedList<PlanResponse>>> ListPlans([AsParameters] PlanFilter filter,
        [AsParameters] PageQuery paging, PlansDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var level = EnumText.ParseOptional<PlanLevel>(filter.Level, "level");
        var status = EnumText.ParseOptional<PlanStatus>(filter.Status, "status");
        var kind = EnumText.ParseOptional<PlanKind>(filter.Kind, "kind");
        var query = db.Plans.AsNoTracking();
        if (!user.HasScope(Scopes.PlansRead))
        {
            query = query.Where(p => p.Status != PlanStatus.Draft);
        }
        else if (!user.HasScope(Scopes.Admin) && user.Region() is { } region)
        {
            var within = RegionCatalog.Within(region);
            query = query.Where(p => p.Status != PlanStatus.Draft || within.Contains(p.Details.RegionCode));
        }

        if (!string.IsNullOrWhiteSpace(filter.RegionCode))
        {
            query = query.Where(p => p.Details.RegionCode == filter.RegionCode);
        }

        if (level is not null)
        {
            query = query.Where(p => p.Details.Level == level);
        }

        if (status is not null)
        {
            query = query.Where(p => p.Status == status);
        }

        if (kind is not null)
        {
            query = query.Where(p => p.Details.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var words = filter.Q.Trim().ToLower();
            query = query.Where(p => p.Details.Title.ToLower().Contains(words)
                || (p.Details.TitleEn != null && p.Details.TitleEn.ToLower().Contains(words)));
        }

        return TypedResults.Ok(await query.ToPagedListAsync(paging, Sorting, PlanResponse.From, ct));
    }

    private static async Task<Created<PlanResponse>> CreatePlan(CreatePlanRequest request, PlansDbContext db,
        TimeProvider clock, HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        PlanLookup.EnsureWritable(user, request.RegionCode!);
        if (await db.Plans.AnyAsync(p => p.Code == request.Code, ct))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, $"Plan '{request.Code}' already exists.");
        }

        var plan = new Plan(request.Code!, request.ToDetails(), clock.GetUtcNow());
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        ETags.Set(response, plan.Version);
        return TypedResults.Created($"/api/v1/plans/{Uri.EscapeDataString(plan.Code)}", PlanResponse.From(plan));
    }

    private static async Task<Ok<PlanResponse>> GetPlan(string code, PlansDbContext db, HttpResponse response, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, code, user, Access.Read, ct);
        ETags.Set(response, plan.Version);
        return TypedResults.Ok(PlanResponse.From(plan));
    }

    private static async Task<NoContent> DeletePlan(string code, PlansDbContext db, HttpRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, code, user, Access.Write, ct);
        ETags.RequireMatchIfPresent(request, plan.Version);

        plan.EnsureDeletable();
        db.Plans.Remove(plan);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ContentHttpResult> GetDocument(string code, PlansDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        await PlanLookup.FindAsync(db, code, user, Access.Read, ct);
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.PlanCode == code, ct)
            ?? throw new NotFoundException("Source document of plan", code);
        return TypedResults.Text(document.Text, "text/plain; charset=utf-8");
    }

    private static async Task<Ok<PlanResponse>> UpdatePlan(string code, JsonObject patch, PlansDbContext db,
        JsonMergePatch merge, TimeProvider clock, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, code, user, Access.Write, ct);
        ETags.RequireMatch(request, plan.Version);
        var fields = await merge.ApplyAsync(PlanFields.From(plan.Details), patch, ReadOnlyFields, ct);
        PlanLookup.EnsureWritable(user, fields.RegionCode!);
        await EnsureNoParentCycleAsync(db, plan.Code, fields.ParentPlanCode, ct);
        plan.Update(fields.ToDetails(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        ETags.Set(request.HttpContext.Response, plan.Version);
        return TypedResults.Ok(PlanResponse.From(plan));
    }

    private static Task<Ok<PlanResponse>> PublishPlan(string code, PlansDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken ct) => ChangeStatusAsync(code, db, http, ct, plan => plan.Publish(clock.GetUtcNow()));

    private static Task<Ok<PlanResponse>> ArchivePlan(string code, PlansDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken ct) => ChangeStatusAsync(code, db, http, ct, plan => plan.Archive(clock.GetUtcNow()));

    /// <summary>Status transitions take If-Match when the caller sends it, so a stale client cannot publish over a change.</summary>
    private static async Task<Ok<PlanResponse>> ChangeStatusAsync(string code, PlansDbContext db, HttpContext http,
        CancellationToken ct, Action<Plan> transition)
    {
        var plan = await PlanLookup.FindAsync(db, code, http.User, Access.Write, ct);
        ETags.RequireMatchIfPresent(http.Request, plan.Version);

        transition(plan);
        await db.SaveChangesAsync(ct);
        ETags.Set(http.Response, plan.Version);
        return TypedResults.Ok(PlanResponse.From(plan));
    }

    private static async Task EnsureNoParentCycleAsync(PlansDbContext db, string code, string? parentCode, CancellationToken ct)
    {
        var seen = new HashSet<string> { code };
        for (var current = parentCode; current is not null;)
        {
            if (!seen.Add(current))
            {
                throw new RuleViolationException("parentPlanCode", $"Plan '{parentCode}' descends from '{code}'; a plan cannot be its own ancestor.");
            }

            current = await db.Plans.Where(p => p.Code == current).Select(p => p.Details.ParentPlanCode).SingleOrDefaultAsync(ct);
        }
    }
}
