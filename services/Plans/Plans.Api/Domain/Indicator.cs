using SharedKernel.Domain;
using Persistence.Audit;

namespace Plans.Api.Domain;

/// <summary>A quantitative goal of a plan: a baseline, one or more dated targets, and the observations against them.</summary>
public sealed class Indicator : VersionedEntity, IAuditedResource
{
    /// <summary>Targets one indicator holds (one a year of its plan's period, and milestones).</summary>
    public const int MaxTargets = 20;

    private readonly List<Target> targets = [];
    private readonly List<DataFlag> flags = [];

    private Indicator()
    {
    }

    private Indicator(Plan plan, string code, IndicatorDefinition definition, IReadOnlyList<Target> targets,
        IndicatorAnnotations annotations, IReadOnlyList<DataFlag> flags, DateTimeOffset now) : base(now)
    {
        PlanCode = plan.Code;
        Code = code;
        Definition = definition;
        this.targets.AddRange(targets);
        Annotations = annotations;
        this.flags.AddRange(flags);
    }

    /// <summary>A new indicator: indicators are part of the document, so they are added only while the plan is drafted.</summary>
    public static Indicator Create(Plan plan, string code, IndicatorDefinition definition, IReadOnlyList<Target> targets,
        IndicatorAnnotations annotations, IReadOnlyList<DataFlag> flags, DateTimeOffset now)
    {
        plan.EnsureDefinitionEditable();
        return new Indicator(plan, code, definition, targets, annotations, flags, now);
    }

    /// <summary>
    /// The seed loader's path: a newer transcription of the source document may add an indicator to a
    /// published plan, since the document, not the plan's state, says what it holds.
    /// </summary>
    public static Indicator FromSource(Plan plan, string code, IndicatorDefinition definition, IReadOnlyList<Target> targets,
        IndicatorAnnotations annotations, IReadOnlyList<DataFlag> flags, DateTimeOffset now) =>
        new(plan, code, definition, targets, annotations, flags, now);

    public long Id { get; private set; }
    public string PlanCode { get; private set; } = null!;
    public string Code { get; private set; } = null!;

    public string AuditKey => $"{PlanCode}/{Code}";

    /// <summary>What the document fixes: name, unit, measure, direction, baseline.</summary>
    public IndicatorDefinition Definition { get; private set; } = null!;

    /// <summary>The dated targets, milestones included, in year order.</summary>
    public IReadOnlyList<Target> Targets => targets;

    /// <summary>What may still change after publication: English name, category, metric binding, source, notes.</summary>
    public IndicatorAnnotations Annotations { get; private set; } = null!;

    /// <summary>Data-quality flags: where the document's figures are inconsistent or had to be read with care.</summary>
    public IReadOnlyList<DataFlag> Flags => flags;

    public void Update(Plan plan, IndicatorDefinition definition, IReadOnlyList<Target> newTargets,
        IndicatorAnnotations annotations, IReadOnlyList<DataFlag> newFlags, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        if (definition != Definition || !newTargets.SequenceEqual(targets))
        {
            plan.EnsureDefinitionEditable();
        }

        Replace(definition, newTargets, annotations, newFlags, now);
    }

    /// <summary>
    /// The seed loader's path: the source document owns the definition even of a published plan,
    /// so a corrected transcription replaces it.
    /// </summary>
    public void ReplaceFromSource(IndicatorDefinition definition, IReadOnlyList<Target> newTargets,
        IndicatorAnnotations annotations, IReadOnlyList<DataFlag> newFlags, DateTimeOffset now) =>
        Replace(definition, newTargets, annotations, newFlags, now);

    private void Replace(IndicatorDefinition definition, IReadOnlyList<Target> newTargets, IndicatorAnnotations annotations,
        IReadOnlyList<DataFlag> newFlags, DateTimeOffset now)
    {
        Definition = definition;
        targets.Clear();
        targets.AddRange(newTargets);
        Annotations = annotations;
        flags.Clear();
        flags.AddRange(newFlags);
        Touch(now);
    }

    public IndicatorFacts Facts => new(Definition.Measure, Definition.Direction,
        Definition.BaselineYear is { } year && Definition.BaselineValue is { } value ? new Baseline(year, value) : null,
        targets.OrderBy(t => t.Year).ToList());
}

/// <param name="BaselineRaw">The baseline exactly as printed in the document's cell or sentence.</param>
/// <param name="Nature">约束性 or 预期性, where the document classes the indicator.</param>
/// <param name="MunicipalOutline">The document marks it 市规划纲要指标: an indicator of the municipal development outline.</param>
/// <param name="MunicipalPerformance">The document marks it 市绩效考核指标: assessed in the city's performance review of the district.</param>
public sealed record IndicatorDefinition(
    string Name,
    string? Unit,
    Measure Measure,
    Direction Direction,
    int? BaselineYear,
    decimal? BaselineValue,
    string? BaselineRaw,
    IndicatorNature? Nature = null,
    bool MunicipalOutline = false,
    bool MunicipalPerformance = false);

public sealed record IndicatorAnnotations(string? NameEn, string? Category, string? Metric, string? Source, string? Notes);

public sealed record Baseline(int Year, decimal Value);

/// <summary>A dated target.</summary>
/// <param name="Value">The figure; null where the document sets no figure (e.g. 完成新区下达任务).</param>
/// <param name="Raw">The target exactly as printed.</param>
/// <param name="Derived">The figure was worked out from the document (e.g. a cumulative total from a printed increment).</param>
public sealed record Target(int Year, decimal? Value, TargetQualifier? Qualifier, string? Raw = null, bool Derived = false);

/// <summary>A data-quality flag: a known flaw or ambiguity of the source, recorded rather than silently fixed.</summary>
public sealed record DataFlag(string Code, string Message);

/// <summary>Everything the progress calculation needs to know about an indicator.</summary>
public sealed record IndicatorFacts(Measure Measure, Direction Direction, Baseline? Baseline, IReadOnlyList<Target> Targets);
