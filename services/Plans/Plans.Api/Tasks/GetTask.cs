using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using ServiceDefaults.Paging;

namespace Plans.Api.Tasks;

/// <summary>A key task, as the caller may read it, or (<see cref="Access.Report"/>) as it may report on it.</summary>
public sealed record GetTask(string PlanCode, string TaskCode, ClaimsPrincipal Caller, Access Access = Access.Read)
    : IQuery<Versioned<TaskResponse>>;

internal sealed class GetTaskHandler(PlansDbContext db) : IQueryHandler<GetTask, Versioned<TaskResponse>>
{
    public async ValueTask<Versioned<TaskResponse>> Handle(GetTask query, CancellationToken ct)
    {
        var (_, task) = await PlanLookup.FindTaskAsync(db, query.PlanCode, query.TaskCode, query.Caller, query.Access, ct);
        return new(TaskResponse.From(task), task.Version);
    }
}

/// <summary>A plan's key tasks in document order (三.(四).9 before 三.(四).10), by unit and status (see <see cref="TaskFilter"/>).</summary>
public sealed record ListTasks(string PlanCode, string? Unit, string? Status, ListQuery List, ClaimsPrincipal Caller)
    : IQuery<CursorPage<TaskResponse>>, IListQuery
{
    public PageQuery Paging => List.Paging;

    /// <summary><c>code</c> sorts by the code's numbers (<see cref="TaskNumbering"/>), as the document orders its tasks.</summary>
    internal static readonly Sorting<KeyTask> Sorting = new("code", new Dictionary<string, System.Linq.Expressions.Expression<Func<KeyTask, object?>>>
    {
        ["code"] = t => t.SortKey,
        ["title"] = t => t.Title,
        ["dueYear"] = t => t.DueYear,
        ["updatedAt"] = t => t.UpdatedAt,
        ["id"] = t => t.Id,
    });

    internal static readonly Keyset<KeyTask> Keyset = new(Sorting.Fields, "id");
}

internal sealed class ListTasksValidator : AbstractValidator<ListTasks>
{
    public ListTasksValidator()
    {
        RuleFor(q => q.Status).IsNameOf(typeof(KeyTaskStatus));
        Include(new PagingRules<ListTasks>(ListTasks.Sorting.Names));
    }
}

internal sealed class ListTasksHandler(PlansDbContext db) : IQueryHandler<ListTasks, CursorPage<TaskResponse>>
{
    public async ValueTask<CursorPage<TaskResponse>> Handle(ListTasks filter, CancellationToken ct)
    {
        var status = EnumFilter.Parse<KeyTaskStatus>(filter.Status);
        await PlanLookup.FindAsync(db, filter.PlanCode, filter.Caller, Access.Read, ct);
        var query = db.Tasks.AsNoTracking().Where(t => t.PlanCode == filter.PlanCode);
        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            var unit = filter.Unit.Trim();
            query = query.Where(t => t.Units.Any(u => u.Name == unit));
        }

        if (status is not null)
        {
            query = query.Where(t => t.Progress.Status == status);
        }

        var scope = Cursors.Scope(filter.PlanCode, string.IsNullOrWhiteSpace(filter.Unit) ? null : filter.Unit.Trim(), status?.ToString());
        return await query.ToCursorPageAsync(db.Database, ListTasks.Keyset, filter.List, scope, TaskResponse.From, ct);
    }
}
