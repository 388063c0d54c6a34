using SharedKernel.Domain;
using SharedKernel.Errors;
using Persistence.Audit;

namespace Plans.Api.Domain;

/// <summary>A key task (重点任务) of a plan, with the units that lead it and those responsible for it.</summary>
public sealed class KeyTask : VersionedEntity, IAuditedResource
{
    private readonly List<TaskUnit> units = [];

    private KeyTask()
    {
    }

    private KeyTask(Plan plan, string code, TaskDefinition definition, TaskProgress progress, DateTimeOffset now) : base(now)
    {
        PlanCode = plan.Code;
        Code = code;
        SortKey = TaskNumbering.SortKey(code);
        SetDefinition(definition);
        Progress = progress;
    }

    /// <summary>A new key task: tasks are part of the document, so they are added only while the plan is drafted.</summary>
    public static KeyTask Create(Plan plan, string code, TaskDefinition definition, TaskProgress progress, DateTimeOffset now)
    {
        plan.EnsureDefinitionEditable();
        return new KeyTask(plan, code, definition, progress, now);
    }

    /// <summary>The seed loader's path: a newer transcription may add a task to a published plan.</summary>
    public static KeyTask FromSource(Plan plan, string code, TaskDefinition definition, TaskProgress progress, DateTimeOffset now) =>
        new(plan, code, definition, progress, now);

    public long Id { get; private set; }
    public string PlanCode { get; private set; } = null!;
    public string Code { get; private set; } = null!;

    /// <summary>The code's numbers, each compared as a number, so that tasks list in document order (see <see cref="TaskNumbering"/>).</summary>
    public string SortKey { get; private set; } = null!;

    public string AuditKey => $"{PlanCode}/{Code}";
    public string Title { get; private set; } = null!;
    public string? Description { get; private set; }
    public int? DueYear { get; private set; }
    public IReadOnlyList<TaskUnit> Units => units;
    public TaskProgress Progress { get; private set; } = null!;

    public IReadOnlyList<string> LeadUnits => units.Where(u => u.Role == UnitRole.Lead).Select(u => u.Name).ToList();
    public IReadOnlyList<string> ResponsibleUnits => units.Where(u => u.Role == UnitRole.Responsible).Select(u => u.Name).ToList();

    public TaskDefinition Definition => new(Title, Description, LeadUnits, ResponsibleUnits, DueYear);

    /// <summary>A caller confined to a unit (a <c>unit</c> claim) reports progress only on tasks its unit is named on.</summary>
    public void EnsureReportableBy(string? unit)
    {
        if (unit is not null && units.All(u => u.Name != unit))
        {
            throw new ForbiddenException("Not your unit's task",
                $"Task '{PlanCode}/{Code}' names {Indicator.Named(units.Select(u => u.Name))} as lead or responsible units, not {unit}; a unit reports only on its own tasks.");
        }
    }

    /// <summary>Progress can be reported while the plan is in force; the task's wording only while drafting.</summary>
    public void Update(Plan plan, TaskDefinition definition, TaskProgress progress, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        if (!definition.SameAs(Definition))
        {
            plan.EnsureDefinitionEditable();
            SetDefinition(definition);
        }

        Progress = progress;
        Touch(now);
    }

    /// <summary>An approved adjustment's path (<see cref="TaskAdjustment"/>), the one way a published plan's task changes.</summary>
    internal void Adjust(TaskDefinition definition, DateTimeOffset now)
    {
        SetDefinition(definition);
        Touch(now);
    }

    /// <summary>The seed loader's path: a corrected transcription replaces the wording; reported progress stays.</summary>
    public void ReplaceFromSource(TaskDefinition definition, DateTimeOffset now)
    {
        SetDefinition(definition);
        Touch(now);
    }

    private void SetDefinition(TaskDefinition definition)
    {
        Title = definition.Title;
        Description = definition.Description;
        DueYear = definition.DueYear;
        units.Clear();
        units.AddRange(definition.LeadUnits.Select(name => new TaskUnit(UnitRole.Lead, name)));
        units.AddRange(definition.ResponsibleUnits.Select(name => new TaskUnit(UnitRole.Responsible, name)));
    }
}

public sealed record TaskUnit(UnitRole Role, string Name);

public sealed record TaskProgress(KeyTaskStatus Status, string? Note);

public sealed record TaskDefinition(string Title, string? Description, IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> ResponsibleUnits, int? DueYear)
{
    public bool SameAs(TaskDefinition other) =>
        Title == other.Title && Description == other.Description && DueYear == other.DueYear
        && LeadUnits.SequenceEqual(other.LeadUnits) && ResponsibleUnits.SequenceEqual(other.ResponsibleUnits);
}
