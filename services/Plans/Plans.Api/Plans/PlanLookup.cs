using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using ServiceDefaults.Problems;

namespace Plans.Api.Plans;

/// <summary>Finds the resources named in a path, or answers 404 naming the missing one.</summary>
internal static class PlanLookup
{
    public static async Task<Plan> FindAsync(PlansDbContext db, string code, CancellationToken ct) =>
        await db.Plans.SingleOrDefaultAsync(p => p.Code == code, ct) ?? throw new NotFoundException("Plan", code);

    public static async Task<(Plan Plan, Indicator Indicator)> FindIndicatorAsync(PlansDbContext db, string planCode,
        string indicatorCode, CancellationToken ct)
    {
        var plan = await FindAsync(db, planCode, ct);
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.PlanCode == planCode && i.Code == indicatorCode, ct)
            ?? throw new NotFoundException("Indicator", $"{planCode}/{indicatorCode}");
        return (plan, indicator);
    }

    public static async Task<(Plan Plan, KeyTask Task)> FindTaskAsync(PlansDbContext db, string planCode, string taskCode,
        CancellationToken ct)
    {
        var plan = await FindAsync(db, planCode, ct);
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.PlanCode == planCode && t.Code == taskCode, ct)
            ?? throw new NotFoundException("Task", $"{planCode}/{taskCode}");
        return (plan, task);
    }
}
