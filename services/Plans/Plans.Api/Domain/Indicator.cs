namespace Plans.Api.Domain;

/// <summary>A quantitative goal of a plan: a baseline, one or more dated targets, and the observations against them.</summary>
public sealed class Indicator : VersionedEntity
{
    private readonly List<Target> targets = [];

    private Indicator()
    {
    }

    public Indicator(Plan plan, string code, IndicatorDefinition definition, IReadOnlyList<Target> targets,
        IndicatorAnnotations annotations, DateTimeOffset now) : base(now)
    {
        plan.EnsureDefinitionEditable();
        PlanCode = plan.Code;
        Code = code;
        Definition = definition;
        this.targets.AddRange(targets);
        Annotations = annotations;
    }

    public long Id { get; private set; }
    public string PlanCode { get; private set; } = null!;
    public string Code { get; private set; } = null!;

    /// <summary>What the document fixes: name, unit, measure, direction, baseline.</summary>
    public IndicatorDefinition Definition { get; private set; } = null!;

    /// <summary>The dated targets, milestones included, in year order.</summary>
    public IReadOnlyList<Target> Targets => targets;

    /// <summary>What may still change after publication: English name, metric binding, source, notes.</summary>
    public IndicatorAnnotations Annotations { get; private set; } = null!;

    public void Update(Plan plan, IndicatorDefinition definition, IReadOnlyList<Target> newTargets,
        IndicatorAnnotations annotations, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        if (definition != Definition || !newTargets.SequenceEqual(targets))
        {
            plan.EnsureDefinitionEditable();
            Definition = definition;
            targets.Clear();
            targets.AddRange(newTargets);
        }

        Annotations = annotations;
        Touch(now);
    }

    public IndicatorFacts Facts => new(Definition.Measure, Definition.Direction,
        Definition.BaselineYear is { } year && Definition.BaselineValue is { } value ? new Baseline(year, value) : null,
        targets.OrderBy(t => t.Year).ToList());
}

public sealed record IndicatorDefinition(
    string Name,
    string Unit,
    Measure Measure,
    Direction Direction,
    int? BaselineYear,
    decimal? BaselineValue);

public sealed record IndicatorAnnotations(string? NameEn, string? Metric, string? Source, string? Notes);

public sealed record Baseline(int Year, decimal Value);

public sealed record Target(int Year, decimal Value, TargetQualifier? Qualifier);

/// <summary>Everything the progress calculation needs to know about an indicator.</summary>
public sealed record IndicatorFacts(Measure Measure, Direction Direction, Baseline? Baseline, IReadOnlyList<Target> Targets);
