using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Indicators;
using Plans.Api.Plans;
using Plans.Api.RegisterMetrics;
using Plans.Api.Tasks;
using SharedKernel.Domain;

namespace Plans.Api.Seeds;

/// <summary>
/// Rewrites a seeded plan from a newer seed version: what the seed wrote and no user has changed
/// since is replaced from the corrected transcription, even on a published plan (the source
/// document, not the plan's state, owns it); what a user changed is kept; new indicators and tasks
/// are added. Only the seed loader may do this: the API fixes a published plan's definition.
/// </summary>
public sealed record ReseedPlan(int SeedVersion, CreatePlanRequest Plan, IReadOnlyList<CreateIndicatorRequest> Indicators,
    IReadOnlyList<CreateTaskRequest> Tasks, string DocumentText) : ICommand<SeededPlan>
{
    public static ReseedPlan From(SeedFile file, string documentText) =>
        new(file.SeedVersion, file.Plan, file.Indicators, file.Tasks, documentText);
}

/// <summary>The API's rules for each part, with errors named by where the part is in the seed file.</summary>
internal sealed class ReseedPlanValidator : AbstractValidator<ReseedPlan>
{
    public ReseedPlanValidator(PlansDbContext db, RegisterSources sources)
    {
        RuleFor(c => c.Plan).SetValidator(new CreatePlanRules<CreatePlanRequest>(db));
        RuleForEach(c => c.Indicators)
            .OverrideIndexer((_, _, indicator, _) => $"[{indicator.Code}]")
            .SetValidator(c => new CreateIndicatorRules<CreateIndicatorRequest>((_, _) => Task.FromResult(PeriodOf(c.Plan)), sources));
        RuleForEach(c => c.Tasks)
            .OverrideIndexer((_, _, task, _) => $"[{task.Code}]")
            .SetValidator(new CreateTaskRules<CreateTaskRequest>());
    }

    private static PlanPeriod? PeriodOf(CreatePlanRequest plan) =>
        plan is { PeriodStart: { } start, PeriodEnd: { } end } ? new PlanPeriod(start, end) : null;
}

internal sealed class ReseedPlanHandler(PlansDbContext db, TimeProvider clock) : ICommandHandler<ReseedPlan, SeededPlan>
{
    public async ValueTask<SeededPlan> Handle(ReseedPlan command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var code = command.Plan.Code!;
        var plan = await db.Plans.SingleAsync(p => p.Code == code, ct);
        var indicators = await db.Indicators.Where(i => i.PlanCode == code).ToDictionaryAsync(i => i.Code, ct);
        var tasks = await db.Tasks.Where(t => t.PlanCode == code).ToDictionaryAsync(t => t.Code, ct);
        var records = await db.SeedRecords.Where(r => r.Key.StartsWith(SeedKeys.Prefix(code))).ToDictionaryAsync(r => r.Key, ct);
        var touched = new List<(string Key, VersionedEntity Entity)>();
        var (updated, kept) = (0, 0);

        void Apply(string key, VersionedEntity? existing, Action update, Func<VersionedEntity> create)
        {
            if (existing is null)
            {
                touched.Add((key, create()));
                updated++;
            }
            else if (records.TryGetValue(key, out var seeded) && seeded.EntityVersion == existing.Version)
            {
                update();
                touched.Add((key, existing));
                updated++;
            }
            else
            {
                kept++;
            }
        }

        Apply(SeedKeys.Plan(code), plan, () => plan.ReplaceFromSource(command.Plan.ToDetails(), now), () => plan);
        foreach (var i in command.Indicators)
        {
            var existing = indicators.GetValueOrDefault(i.Code!);
            Apply(SeedKeys.Indicator(code, i.Code!), existing,
                () => existing!.ReplaceFromSource(i.ToDefinition(), i.ToTargets(), i.ToAnnotations(), i.ToFlags(), i.ToUnits(), now),
                () => db.Indicators.Add(Indicator.FromSource(plan, i.Code!, i.ToDefinition(), i.ToTargets(), i.ToAnnotations(), i.ToFlags(),
                    i.ToUnits(), now)).Entity);
        }

        foreach (var t in command.Tasks)
        {
            var existing = tasks.GetValueOrDefault(t.Code!);
            Apply(SeedKeys.Task(code, t.Code!), existing, () => existing!.ReplaceFromSource(t.ToDefinition(), now),
                () => db.Tasks.Add(KeyTask.FromSource(plan, t.Code!, t.ToDefinition(), t.ToProgress(), now)).Entity);
        }

        if (await db.Documents.FindAsync([code], ct) is { } document)
        {
            document.Replace(command.DocumentText);
        }
        else
        {
            db.Documents.Add(new PlanDocument(code, command.DocumentText));
        }

        foreach (var (key, entity) in touched)
        {
            if (records.TryGetValue(key, out var record))
            {
                record.Record(command.SeedVersion, entity.Version);
            }
            else
            {
                db.SeedRecords.Add(new SeedRecord(key, command.SeedVersion, entity.Version));
            }
        }

        // The plan's record gates the next load: it moves to this seed version even when a user's edit kept the plan as it was.
        var planRecord = records[SeedKeys.Plan(code)];
        if (touched.All(t => t.Key != planRecord.Key))
        {
            planRecord.Record(command.SeedVersion, planRecord.EntityVersion);
        }

        return new SeededPlan(code, "updated", command.SeedVersion, updated, kept, null);
    }
}
