using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;

namespace Plans.Api.Seeds;

/// <summary>
/// Records that the seed loader wrote a plan, its indicators and tasks from a seed version (see
/// <see cref="SeedRecord"/>), with the text of its source document. Only the seed loader sends it,
/// after creating the plan through the API's own commands.
/// </summary>
public sealed record RecordSeededPlan(string PlanCode, int SeedVersion, string DocumentText) : ICommand;

internal sealed class RecordSeededPlanHandler(PlansDbContext db) : ICommandHandler<RecordSeededPlan>
{
    public async ValueTask<Unit> Handle(RecordSeededPlan command, CancellationToken ct)
    {
        var code = command.PlanCode;
        var planVersion = await db.Plans.Where(p => p.Code == code).Select(p => p.Version).SingleAsync(ct);
        var indicators = await db.Indicators.Where(i => i.PlanCode == code).Select(i => new { i.Code, i.Version }).ToListAsync(ct);
        var tasks = await db.Tasks.Where(t => t.PlanCode == code).Select(t => new { t.Code, t.Version }).ToListAsync(ct);
        db.Documents.Add(new PlanDocument(code, command.DocumentText));
        db.SeedRecords.Add(new SeedRecord(SeedKeys.Plan(code), command.SeedVersion, planVersion));
        db.SeedRecords.AddRange(indicators.Select(i => new SeedRecord(SeedKeys.Indicator(code, i.Code), command.SeedVersion, i.Version)));
        db.SeedRecords.AddRange(tasks.Select(t => new SeedRecord(SeedKeys.Task(code, t.Code), command.SeedVersion, t.Version)));
        return Unit.Value;
    }
}
