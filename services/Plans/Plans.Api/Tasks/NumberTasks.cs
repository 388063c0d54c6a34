using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;

namespace Plans.Api.Tasks;

/// <summary>
/// Gives the tasks stored before tasks had a sort key (migration TaskSortKey) the key of their code.
/// Sent at start-up; once every task has its key it finds nothing to do.
/// </summary>
public sealed record NumberTasks : ICommand<int>;

internal sealed class NumberTasksHandler(PlansDbContext db) : ICommandHandler<NumberTasks, int>
{
    public async ValueTask<int> Handle(NumberTasks command, CancellationToken ct)
    {
        var unnumbered = await db.Tasks.Where(t => t.SortKey == "").Select(t => new { t.Id, t.Code }).ToListAsync(ct);
        foreach (var task in unnumbered)
        {
            // The key is derived from the code, not a change to the task: no new version, no audit record.
            var key = TaskNumbering.SortKey(task.Code);
            await db.Tasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(set => set.SetProperty(t => t.SortKey, key), ct);
        }

        return unnumbered.Count;
    }
}
