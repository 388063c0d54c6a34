using SharedKernel.Domain;
using SharedKernel.Errors;
using Persistence.Audit;

namespace Plans.Api.Domain;

/// <summary>A quantitative goal of a plan: a baseline, one or more dated targets, and the observations against them.</summary>
public sealed class Indicator : VersionedEntity, IAuditedResource
{
    /// <summary>Targets one indicator holds (one a year of its plan's period, and milestones).</summary>
    public const int MaxTargets = 20;

    private readonly List<Target> targets = [];
    private readonly List<DataFlag> flags = [];
    private readonly List<IndicatorUnit> units = [];

    private Indicator()
    {
    }

    private Indicator(Plan plan, string code, IndicatorDefinition definition, IReadOnlyList<Target> targets,
        IndicatorAnnotations annotations, IReadOnlyList<DataFlag> flags, UnitAssignment units, DateTimeOffset now) : base(now)
    {
        PlanCode = plan.Code;
        Code = code;
        Definition = definition;
        this.targets.AddRange(targets);
        Annotations = annotations;
        this.flags.AddRange(flags);
        SetUnits(units);
    }

    /// <summary>A new indicator: indicators are part of the document, so they are added only while the plan is drafted.</summary>
    public static Indicator Create(Plan plan, string code, IndicatorDefinition definition, IReadOnlyList<Target> targets,
        IndicatorAnnotations annotations, IReadOnlyList<DataFlag> flags, UnitAssignment units, DateTimeOffset now)
    {
        plan.EnsureDefinitionEditable();
        return new Indicator(plan, code, definition, targets, annotations, flags, units, now);
    }

    /// <summary>
    /// The seed loader's path: a newer transcription of the source document may add an indicator to a
    /// published plan, since the document, not the plan's state, says what it holds.
    /// </summary>
    public static Indicator FromSource(Plan plan, string code, IndicatorDefinition definition, IReadOnlyList<Target> targets,
        IndicatorAnnotations annotations, IReadOnlyList<DataFlag> flags, UnitAssignment units, DateTimeOffset now) =>
        new(plan, code, definition, targets, annotations, flags, units, now);

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

    /// <summary>
    /// The units that lead the indicator (牵头单位) and those responsible for it (责任单位), as the document
    /// names them; they report its figures. Like the annotations, an assignment may change after publication.
    /// </summary>
    public IReadOnlyList<IndicatorUnit> Units => units;

    public UnitAssignment Assignment => new(
        units.Where(u => u.Role == UnitRole.Lead).Select(u => u.Name).ToList(),
        units.Where(u => u.Role == UnitRole.Responsible).Select(u => u.Name).ToList());

    /// <summary>
    /// A caller confined to a unit (a <c>unit</c> claim) reports only the figures of indicators its unit is named on.
    /// </summary>
    public void EnsureReportableBy(string? unit)
    {
        if (unit is not null && units.All(u => u.Name != unit))
        {
            throw new ForbiddenException("Not your unit's indicator",
                $"Indicator '{PlanCode}/{Code}' names {Named(units.Select(u => u.Name))} as lead or responsible units, not {unit}; a unit reports only its own figures.");
        }
    }

    internal static string Named(IEnumerable<string> names) => names.Any() ? string.Join("、", names) : "no unit";

    public void Update(Plan plan, IndicatorDefinition definition, IReadOnlyList<Target> newTargets,
        IndicatorAnnotations annotations, IReadOnlyList<DataFlag> newFlags, UnitAssignment newUnits, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        if (definition != Definition || !newTargets.SequenceEqual(targets))
        {
            plan.EnsureDefinitionEditable();
        }

        Replace(definition, newTargets, annotations, newFlags, newUnits, now);
    }

    /// <summary>
    /// The seed loader's path: the source document owns the definition even of a published plan,
    /// so a corrected transcription replaces it.
    /// </summary>
    public void ReplaceFromSource(IndicatorDefinition definition, IReadOnlyList<Target> newTargets,
        IndicatorAnnotations annotations, IReadOnlyList<DataFlag> newFlags, UnitAssignment newUnits, DateTimeOffset now) =>
        Replace(definition, newTargets, annotations, newFlags, newUnits, now);

    private void Replace(IndicatorDefinition definition, IReadOnlyList<Target> newTargets, IndicatorAnnotations annotations,
        IReadOnlyList<DataFlag> newFlags, UnitAssignment newUnits, DateTimeOffset now)
    {
        SetUnits(newUnits);
        Definition = definition;
        targets.Clear();
        targets.AddRange(newTargets);
        Annotations = annotations;
        flags.Clear();
        flags.AddRange(newFlags);
        Touch(now);
    }

    private void SetUnits(UnitAssignment assignment)
    {
        units.Clear();
        units.AddRange(assignment.Lead.Select(name => new IndicatorUnit(UnitRole.Lead, name)));
        units.AddRange(assignment.Responsible.Select(name => new IndicatorUnit(UnitRole.Responsible, name)));
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

/// <summary>A unit named on an indicator: it leads (牵头单位) or is responsible (责任单位).</summary>
public sealed record IndicatorUnit(UnitRole Role, string Name);

/// <summary>The lead and responsible units of an indicator, each list in the document's order.</summary>
public sealed record UnitAssignment(IReadOnlyList<string> Lead, IReadOnlyList<string> Responsible)
{
    public static readonly UnitAssignment None = new([], []);
}

/// <summary>A dated target.</summary>
/// <param name="Value">The figure; null where the document sets no figure (e.g. 完成新区下达任务).</param>
/// <param name="Raw">The target exactly as printed.</param>
/// <param name="Derived">The figure was worked out from the document (e.g. a cumulative total from a printed increment).</param>
public sealed record Target(int Year, decimal? Value, TargetQualifier? Qualifier, string? Raw = null, bool Derived = false);

/// <summary>A data-quality flag: a known flaw or ambiguity of the source, recorded rather than silently fixed.</summary>
public sealed record DataFlag(string Code, string Message);

/// <summary>Everything the progress calculation needs to know about an indicator.</summary>
public sealed record IndicatorFacts(Measure Measure, Direction Direction, Baseline? Baseline, IReadOnlyList<Target> Targets);
