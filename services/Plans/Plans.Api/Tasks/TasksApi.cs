using System.Security.Claims;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Idempotency;
using Plans.Api.Common;
using Plans.Api.Plans;
using ServiceDefaults.Http;
using ServiceDefaults.Messaging;
using ServiceDefaults.OpenApi;
using ServiceDefaults.Paging;
using ServiceDefaults.Validation;
using SharedKernel.Access;

namespace Plans.Api.Tasks;

public static class TasksApi
{
    private static readonly IReadOnlyDictionary<string, string> ReadOnlyFields = new Dictionary<string, string>
    {
        ["code"] = "A task's code cannot be changed.",
        ["planCode"] = "A task cannot move to another plan.",
    };

    /// <summary>Numbers, at start-up, the tasks stored before tasks had a sort key.</summary>
    public static IServiceCollection AddTaskNumbering(this IServiceCollection services) =>
        services.AddStartupCommand<NumberTasks>("numbering tasks");

    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans/{code}/tasks").WithTags("Tasks");
        group.MapGet("/", List).WithName("ListTasks").ReadsPlan().WithSummary("List a plan's key tasks, by unit and status");
        group.MapPost("/", Create).WithName("CreateTask").WithSummary("Add a key task to a draft plan")
            .WithMetadata(new IdempotentAttribute())
            .RequireAuthorization(Scopes.PlansWrite).WithETag().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{taskCode}", Get).WithName("GetTask").ReadsPlan().WithSummary("Get a key task").WithETag();
        group.MapPatch("/{taskCode}", Update).WithName("UpdateTask")
            .WithSummary("Change a key task (JSON merge patch; If-Match required). Once the plan is published only status and progressNote can change.")
            .RequireAuthorization(Scopes.PlansWrite).AcceptsMergePatch<TaskFields>().ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<CursorPage<TaskResponse>>> List(string code, [AsParameters] TaskFilter filter,
        [AsParameters] ListQuery paging, ISender sender, HttpContext http, ClaimsPrincipal user, CancellationToken ct) =>
        NextLink.Set(http, await sender.Send(new ListTasks(code, filter.Unit, filter.Status, paging, user), ct));

    private static async Task<Created<TaskResponse>> Create(string code, CreateTaskRequest request, ISender sender,
        HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var task = await sender.Send(new CreateTask(code, request, user), ct);
        ETags.Set(response, task.Version);
        return TypedResults.Created(
            $"/api/v1/plans/{Uri.EscapeDataString(code)}/tasks/{Uri.EscapeDataString(task.Resource.Code)}", task.Resource);
    }

    private static async Task<Ok<TaskResponse>> Get(string code, string taskCode, ISender sender, HttpResponse response,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var task = await sender.Send(new GetTask(code, taskCode, user), ct);
        ETags.Set(response, task.Version);
        return TypedResults.Ok(task.Resource);
    }

    private static async Task<Ok<TaskResponse>> Update(string code, string taskCode, JsonObject patch, ISender sender,
        JsonMergePatch merge, HttpContext http, CancellationToken ct)
    {
        var current = await sender.Send(new GetTask(code, taskCode, http.User, Access.Report), ct);
        var expected = IfMatch.From(http.Request).Expect(current.Version);
        var fields = await merge.ApplyAsync(TaskFields.From(current.Resource), patch, ReadOnlyFields, ct);
        var task = await sender.Send(new UpdateTask(code, taskCode, fields, expected, http.User), ct);
        ETags.Set(http.Response, task.Version);
        return TypedResults.Ok(task.Resource);
    }
}
