using Plans.Api.Domain;

namespace Plans.Api.Indicators;

/// <summary>A baseline as sent by a caller.</summary>
/// <param name="Year">The year the figure is for, e.g. 2020.</param>
/// <param name="Value">The figure.</param>
public sealed record BaselineInput(int? Year, decimal? Value);

/// <summary>A dated target as sent by a caller.</summary>
/// <param name="Year">The year by whose end the value is due; milestone years are targets too.</param>
/// <param name="Value">The target figure; for measure 'increment' the increase over the baseline.</param>
/// <param name="Qualifier">atLeast (以上), atMost (以内), approximately (左右) or strive (力争).</param>
public sealed record TargetInput(int? Year, decimal? Value, TargetQualifier? Qualifier);

/// <summary>The fields of an indicator a caller sets; the body of PATCH (as a merge patch) and, with <c>code</c>, of POST.</summary>
public record IndicatorFields
{
    /// <summary>The indicator's name exactly as printed, e.g. 国家高新技术企业总量.</summary>
    public string? Name { get; init; }
    public string? NameEn { get; init; }
    /// <summary>Unit as printed: 家, 件, %, 亿元 …</summary>
    public string? Unit { get; init; }
    public Measure? Measure { get; init; }
    public Direction? Direction { get; init; }
    /// <summary>The baseline; null when the document gives none.</summary>
    public BaselineInput? Baseline { get; init; }
    /// <summary>One or more targets, each for a different year later than the baseline's.</summary>
    public IReadOnlyList<TargetInput>? Targets { get; init; }
    /// <summary>Optional binding to a register metric: see the API description for the keys.</summary>
    public string? Metric { get; init; }
    /// <summary>Where in the document the indicator comes from.</summary>
    public string? Source { get; init; }
    public string? Notes { get; init; }

    public IndicatorDefinition ToDefinition() =>
        new(Name!.Trim(), Unit!.Trim(), Measure!.Value, Direction!.Value, Baseline?.Year, Baseline?.Value);

    public IReadOnlyList<Target> ToTargets() =>
        Targets!.Select(t => new Target(t.Year!.Value, t.Value!.Value, t.Qualifier)).OrderBy(t => t.Year).ToList();

    public IndicatorAnnotations ToAnnotations() => new(NameEn, string.IsNullOrWhiteSpace(Metric) ? null : Metric, Source, Notes);

    public static IndicatorFields From(Indicator indicator) => new()
    {
        Name = indicator.Definition.Name,
        NameEn = indicator.Annotations.NameEn,
        Unit = indicator.Definition.Unit,
        Measure = indicator.Definition.Measure,
        Direction = indicator.Definition.Direction,
        Baseline = indicator.Definition.BaselineYear is null ? null
            : new BaselineInput(indicator.Definition.BaselineYear, indicator.Definition.BaselineValue),
        Targets = indicator.Targets.Select(t => new TargetInput(t.Year, t.Value, t.Qualifier)).ToList(),
        Metric = indicator.Annotations.Metric,
        Source = indicator.Annotations.Source,
        Notes = indicator.Annotations.Notes,
    };
}

/// <summary>A new indicator of a draft plan.</summary>
public sealed record CreateIndicatorRequest : IndicatorFields
{
    /// <summary>Identifier within the plan: letters, digits, '.', '_' and '-', e.g. T1-03.</summary>
    public string? Code { get; init; }
}

/// <summary>A figure for a year.</summary>
public sealed record YearValue(int Year, decimal Value);

/// <summary>A dated target.</summary>
public sealed record TargetValue(int Year, decimal Value, TargetQualifier? Qualifier);

/// <summary>An indicator of a plan.</summary>
public sealed record IndicatorResponse(
    string PlanCode,
    string Code,
    string Name,
    string? NameEn,
    string Unit,
    Measure Measure,
    Direction Direction,
    YearValue? Baseline,
    IReadOnlyList<TargetValue> Targets,
    string? Metric,
    string? Source,
    string? Notes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static IndicatorResponse From(Indicator i) => new(i.PlanCode, i.Code, i.Definition.Name, i.Annotations.NameEn,
        i.Definition.Unit, i.Definition.Measure, i.Definition.Direction,
        i.Facts.Baseline is { } b ? new YearValue(b.Year, b.Value) : null,
        i.Targets.OrderBy(t => t.Year).Select(t => new TargetValue(t.Year, t.Value, t.Qualifier)).ToList(),
        i.Annotations.Metric, i.Annotations.Source, i.Annotations.Notes, i.CreatedAt, i.UpdatedAt);
}
