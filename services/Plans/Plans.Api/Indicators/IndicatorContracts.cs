using System.ComponentModel.DataAnnotations;
using Plans.Api.Domain;

namespace Plans.Api.Indicators;

/// <summary>A baseline.</summary>
/// <param name="Year">The year the figure is for, e.g. 2020.</param>
/// <param name="Value">The figure.</param>
/// <param name="Raw">The figure exactly as printed in the document.</param>
public sealed record BaselineInput(int? Year, decimal? Value, string? Raw = null);

/// <summary>A dated target.</summary>
/// <param name="Year">The year by whose end the value is due; milestone years are targets too.</param>
/// <param name="Value">The target figure; for measure 'increment' the increase over the baseline. May be null
/// only when the document sets no figure, and then <paramref name="Raw"/> says what it sets.</param>
/// <param name="Qualifier">atLeast (以上), atMost (以内), approximately (左右) or strive (力争).</param>
/// <param name="Raw">The target exactly as printed in the document.</param>
/// <param name="Derived">True when the figure was worked out from the document rather than printed (see the flags).</param>
public sealed record TargetInput(int? Year, decimal? Value, TargetQualifier? Qualifier, string? Raw = null, bool? Derived = null);

/// <summary>A data-quality flag.</summary>
/// <param name="Code">incrementInTargetCell, baselineYearDiffers, textTableConflict, targetNotAboveBaseline,
/// baselineMissing, valueAmbiguous, unitDiffers, or another short camelCase code.</param>
/// <param name="Message">What is wrong or uncertain, with the raw figures.</param>
public sealed record FlagInput(string? Code, string? Message);

/// <summary>The fields of an indicator a caller sets; the body of PATCH (as a merge patch) and, with <c>code</c>, of POST.</summary>
public record IndicatorFields
{
    /// <summary>The indicator's name exactly as printed, e.g. 国家高新技术企业总量.</summary>
    public string? Name { get; init; }
    public string? NameEn { get; init; }
    /// <summary>Unit as printed: 家, 件, %, 亿元 …; null where the document prints none (ranks, some counts).</summary>
    public string? Unit { get; init; }
    public Measure? Measure { get; init; }
    public Direction? Direction { get; init; }
    /// <summary>约束性 (binding) or 预期性 (expected), where the document's table classes the indicator (属性); null where it does not.</summary>
    public IndicatorNature? Nature { get; init; }
    /// <summary>The document marks the indicator 市规划纲要指标 (an indicator of the municipal development outline).</summary>
    public bool? MunicipalOutlineIndicator { get; init; }
    /// <summary>The document marks the indicator 市绩效考核指标 (assessed in the city's performance review).</summary>
    public bool? MunicipalPerformanceIndicator { get; init; }
    /// <summary>The baseline; null when the document gives none.</summary>
    public BaselineInput? Baseline { get; init; }
    /// <summary>One or more targets, each for a different year later than the baseline's.</summary>
    [MaxLength(Indicator.MaxTargets)]
    public IReadOnlyList<TargetInput>? Targets { get; init; }
    /// <summary>The group the indicator sits in, as printed (类别), e.g. 创新主体.</summary>
    public string? Category { get; init; }
    /// <summary>Optional binding to a register metric: see the API description for the keys.</summary>
    public string? Metric { get; init; }
    /// <summary>Where in the document the indicator comes from.</summary>
    public string? Source { get; init; }
    public string? Notes { get; init; }
    /// <summary>Known flaws of the source figures, recorded rather than silently fixed.</summary>
    [MaxLength(20)]
    public IReadOnlyList<FlagInput>? Flags { get; init; }
    /// <summary>牵头单位: the units that lead the indicator, as the document names them (e.g. 区科技局); they report its figures.</summary>
    [MaxLength(50)]
    public IReadOnlyList<string>? LeadUnits { get; init; }
    /// <summary>责任单位: the units responsible with them; they report its figures too.</summary>
    [MaxLength(50)]
    public IReadOnlyList<string>? ResponsibleUnits { get; init; }

    public IndicatorDefinition ToDefinition() =>
        new(Name!.Trim(), string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim(), Measure!.Value, Direction!.Value, Baseline?.Year, Baseline?.Value, Baseline?.Raw,
            Nature, MunicipalOutlineIndicator ?? false, MunicipalPerformanceIndicator ?? false);

    public IReadOnlyList<Target> ToTargets() => Targets!
        .Select(t => new Target(t.Year!.Value, t.Value, t.Qualifier, t.Raw, t.Derived ?? false)).OrderBy(t => t.Year).ToList();

    public IndicatorAnnotations ToAnnotations() =>
        new(NameEn, Category, string.IsNullOrWhiteSpace(Metric) ? null : Metric, Source, Notes);

    public IReadOnlyList<DataFlag> ToFlags() => (Flags ?? []).Select(f => new DataFlag(f.Code!, f.Message!)).ToList();

    public UnitAssignment ToUnits() => new(Clean(LeadUnits), Clean(ResponsibleUnits));

    private static IReadOnlyList<string> Clean(IReadOnlyList<string>? units) =>
        (units ?? []).Select(u => u.Trim()).Distinct().ToList();

    /// <summary>The fields of an indicator as read, for a merge patch to apply to.</summary>
    public static IndicatorFields From(IndicatorResponse indicator) => new()
    {
        Name = indicator.Name,
        NameEn = indicator.NameEn,
        Unit = indicator.Unit,
        Measure = indicator.Measure,
        Direction = indicator.Direction,
        Nature = indicator.Nature,
        MunicipalOutlineIndicator = indicator.MunicipalOutlineIndicator,
        MunicipalPerformanceIndicator = indicator.MunicipalPerformanceIndicator,
        Baseline = indicator.Baseline is { } baseline ? new BaselineInput(baseline.Year, baseline.Value, baseline.Raw) : null,
        Targets = indicator.Targets.Select(t => new TargetInput(t.Year, t.Value, t.Qualifier, t.Raw, t.Derived)).ToList(),
        Category = indicator.Category,
        Metric = indicator.Metric,
        Source = indicator.Source,
        Notes = indicator.Notes,
        Flags = indicator.Flags.Select(f => new FlagInput(f.Code, f.Message)).ToList(),
        LeadUnits = indicator.LeadUnits,
        ResponsibleUnits = indicator.ResponsibleUnits,
    };
}

/// <summary>A new indicator of a draft plan.</summary>
public record CreateIndicatorRequest : IndicatorFields
{
    /// <summary>Identifier within the plan: letters, digits, '.', '_' and '-', e.g. T1-03.</summary>
    public string? Code { get; init; }
}

/// <summary>A figure for a year.</summary>
/// <param name="Raw">The figure exactly as printed in the document, where it came from one.</param>
public sealed record YearValue(int Year, decimal Value, string? Raw = null);

/// <summary>A dated target.</summary>
/// <param name="Value">Null where the document sets no figure; see raw.</param>
/// <param name="Raw">The target exactly as printed.</param>
/// <param name="Derived">True when the figure was worked out from the document rather than printed.</param>
public sealed record TargetValue(int Year, decimal? Value, TargetQualifier? Qualifier, string? Raw, bool Derived)
{
    public static TargetValue From(Target t) => new(t.Year, t.Value, t.Qualifier, t.Raw, t.Derived);
}

/// <summary>A data-quality flag of an indicator.</summary>
public sealed record FlagValue(string Code, string Message);

/// <summary>An indicator of a plan.</summary>
/// <param name="Nature">约束性 (binding) or 预期性 (expected); null where the document does not class it.</param>
/// <param name="MunicipalOutlineIndicator">Marked 市规划纲要指标 by the document.</param>
/// <param name="MunicipalPerformanceIndicator">Marked 市绩效考核指标 by the document.</param>
/// <param name="LeadUnits">牵头单位: the units that lead it and report its figures; empty where the document names none.</param>
/// <param name="ResponsibleUnits">责任单位: the units responsible with them.</param>
public sealed record IndicatorResponse(
    string PlanCode,
    string Code,
    string Name,
    string? NameEn,
    string? Unit,
    Measure Measure,
    Direction Direction,
    IndicatorNature? Nature,
    bool MunicipalOutlineIndicator,
    bool MunicipalPerformanceIndicator,
    string? Category,
    YearValue? Baseline,
    IReadOnlyList<TargetValue> Targets,
    string? Metric,
    string? Source,
    string? Notes,
    IReadOnlyList<FlagValue> Flags,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> ResponsibleUnits,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static IndicatorResponse From(Indicator i) => new(i.PlanCode, i.Code, i.Definition.Name, i.Annotations.NameEn,
        i.Definition.Unit, i.Definition.Measure, i.Definition.Direction, i.Definition.Nature, i.Definition.MunicipalOutline,
        i.Definition.MunicipalPerformance, i.Annotations.Category, BaselineOf(i),
        i.Targets.OrderBy(t => t.Year).Select(TargetValue.From).ToList(),
        i.Annotations.Metric, i.Annotations.Source, i.Annotations.Notes,
        i.Flags.Select(f => new FlagValue(f.Code, f.Message)).ToList(), i.Assignment.Lead, i.Assignment.Responsible,
        i.CreatedAt, i.UpdatedAt);

    public static YearValue? BaselineOf(Indicator i) => i.Definition is { BaselineYear: { } year, BaselineValue: { } value }
        ? new YearValue(year, value, i.Definition.BaselineRaw)
        : null;
}
