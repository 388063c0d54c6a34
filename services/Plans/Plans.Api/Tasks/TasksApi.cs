using Persistence;
using SharedKernel.Errors;
using SharedKernel.Access;
using System.Security.Claims;
using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using ServiceDefaults.Http;
using Persistence.Idempotency;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;
using ServiceDefaults.Problems;
using ServiceDefaults.Validation;

namespace Plans.Api.Tasks;

public static class TasksApi
{
    private static readonly SortFields<KeyTask> Sorting = new("code", new Dictionary<string, Expression<Func<KeyTask, object?>>>
    {
        ["code"] = t => t.Code,
        ["title"] = t => t.Title,
        ["dueYear"] = t => t.DueYear,
        ["updatedAt"] = t => t.UpdatedAt,
    });

    private static readonly IReadOnlyDictionary<string, string> ReadOnlyFields = new Dictionary<string, string>
    {
        ["code"] = "A task's code cannot be changed.",
        ["planCode"] = "A task cannot move to another plan.",
    };

    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/tasks").WithTags("Tasks").WithRequestValidation();
        group.MapGet("/", ListTasks).WithName("ListTasks").WithSummary("List a plan's key tasks, by unit and status");
        group.MapPost("/", CreateTask).WithName("CreateTask").WithSummary("Add a key task to a draft plan")
            .WithMetadata(new IdempotentAttribute())
            .RequireAuthorization(Scopes.PlansWrite);
        group.MapGet("/{taskCode}", GetTask).WithName("GetTask").WithSummary("Get a key task");
        group.MapPatch("/{taskCode}", UpdateTask).WithName("UpdateTask")
            .WithSummary("Change a key task (JSON merge patch; If-Match required). Once the plan is published only status and progressNote can change.")
            .RequireAuthorization(Scopes.PlansWrite);
        return group;
    }

    private static async Task<Ok<PagedList<TaskResponse>>> ListTasks(string code, [AsParameters] TaskFilter filter,
        [AsParameters] PageQuery paging, PlansDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var status = EnumText.ParseOptional<KeyTaskStatus>(filter.Status, "status");
        await PlanLookup.FindAsync(db, code, user, Access.Read, ct);
        var query = db.Tasks.AsNoTracking().Where(t => t.PlanCode == code);
        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            var unit = filter.Unit.Trim();
            query = query.Where(t => t.Units.Any(u => u.Name == unit));
        }

        if (status is not null)
        {
            query = query.Where(t => t.Progress.Status == status);
        }

        return TypedResults.Ok(await query.ToPagedListAsync(paging, Sorting, TaskResponse.From, ct));
    }

    private static async Task<Created<TaskResponse>> CreateTask(string code, CreateTaskRequest request, PlansDbContext db,
        TimeProvider clock, HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, code, user, Access.Write, ct);
        plan.EnsureDefinitionEditable();
        if (await db.Tasks.AnyAsync(t => t.PlanCode == code && t.Code == request.Code, ct))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, $"Plan '{code}' already has a task '{request.Code}'.");
        }

        var task = new KeyTask(plan, request.Code!, request.ToDefinition(), request.ToProgress(), clock.GetUtcNow());
        db.Tasks.Add(task);
        await db.SaveChangesAsync(ct);
        ETags.Set(response, task.Version);
        return TypedResults.Created(
            $"/api/v1/plans/{Uri.EscapeDataString(code)}/tasks/{Uri.EscapeDataString(task.Code)}", TaskResponse.From(task));
    }

    private static async Task<Ok<TaskResponse>> GetTask(string code, string taskCode, PlansDbContext db, HttpResponse response,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var (_, task) = await PlanLookup.FindTaskAsync(db, code, taskCode, user, Access.Read, ct);
        ETags.Set(response, task.Version);
        return TypedResults.Ok(TaskResponse.From(task));
    }

    private static async Task<Ok<TaskResponse>> UpdateTask(string code, string taskCode, JsonObject patch, PlansDbContext db,
        JsonMergePatch merge, TimeProvider clock, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (plan, task) = await PlanLookup.FindTaskAsync(db, code, taskCode, user, Access.Write, ct);
        ETags.RequireMatch(request, task.Version);
        var fields = await merge.ApplyAsync(TaskFields.From(task), patch, ReadOnlyFields, ct);
        task.Update(plan, fields.ToDefinition(), fields.ToProgress(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        ETags.Set(request.HttpContext.Response, task.Version);
        return TypedResults.Ok(TaskResponse.From(task));
    }
}
