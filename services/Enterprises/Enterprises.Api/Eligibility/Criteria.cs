namespace Enterprises.Api.Eligibility;

/// <summary>
/// One condition of a rule set, held as data: its code, wording, source provision and thresholds.
/// The kinds below are the shapes the rules we hold take; a rule set is a list of them.
/// Ratios are compared exactly (cross-multiplied), never after rounding; figures are shown rounded
/// towards zero to two decimals so a failing ratio never displays as equal to its threshold.
/// </summary>
public abstract class Criterion(string code, string description, string source)
{
    public string Code { get; } = code;

    public string Description { get; } = description;

    public string Source { get; } = source;

    public abstract CriterionResult Evaluate(EvaluationContext context);

    protected CriterionResult Result(IReadOnlyList<Figure> figures, decimal? value, Threshold threshold, bool? passed, string? note = null) =>
        new(Code, Description, Source, figures, value, threshold, passed, note);

    /// <summary>numerator ÷ denominator as a percentage, for display.</summary>
    internal static decimal Percent(decimal numerator, decimal denominator) =>
        Math.Round(numerator * 100m / denominator, 2, MidpointRounding.ToZero);

    /// <summary>Exact test of numerator ÷ denominator ≥ percent % (denominator positive).</summary>
    internal static bool ShareAtLeast(decimal numerator, decimal denominator, decimal percent) =>
        numerator * 100m >= percent * denominator;
}

/// <summary>Registered at least <paramref name="years"/> before 1 January of the application year.</summary>
public sealed class RegisteredBeforeApplicationYear(string code, string description, string source, int years)
    : Criterion(code, description, source)
{
    public override CriterionResult Evaluate(EvaluationContext context)
    {
        var latest = new DateOnly(context.ApplicationYear, 1, 1).AddYears(-years);
        var founded = context.Enterprise.FoundedOn;
        return Result([new Figure("foundedOn", null, "date", Date: founded)], null,
            new Threshold(Comparison.AtMost, null, "date", $"founded on or before {latest:yyyy-MM-dd}", latest),
            founded <= latest);
    }
}

/// <summary>
/// Registered within <paramref name="years"/> years counted to 31 December of the year before the
/// application year, and not in the application year itself.
/// </summary>
public sealed class RegisteredWithinYears(string code, string description, string source, int years)
    : Criterion(code, description, source)
{
    public override CriterionResult Evaluate(EvaluationContext context)
    {
        var reckonedTo = new DateOnly(context.PriorYear, 12, 31);
        var earliest = reckonedTo.AddYears(-years);
        var founded = context.Enterprise.FoundedOn;
        return Result([new Figure("foundedOn", null, "date", Date: founded)], null,
            new Threshold(Comparison.AtLeast, null, "date",
                $"founded between {earliest:yyyy-MM-dd} and {reckonedTo:yyyy-MM-dd} ({years} years or less on {reckonedTo:yyyy-MM-dd})", earliest),
            founded >= earliest && founded <= reckonedTo);
    }
}

/// <summary>A figure of the prior year's report compared with a limit (employees ≤ 500, revenue ≥ 10万 …).</summary>
public sealed class PriorYearFigure(string code, string description, string source,
    string name, string unit, Func<ReportFigures, decimal> value, Comparison comparison, decimal limit,
    Func<ReportFigures, IEnumerable<Figure>>? parts = null, string? note = null)
    : Criterion(code, description, source)
{
    public override CriterionResult Evaluate(EvaluationContext context)
    {
        var threshold = new Threshold(comparison, limit, unit,
            $"{(comparison == Comparison.AtLeast ? "at least" : "at most")} {limit:0.##} {unit} in {context.PriorYear}");
        if (context.Report(context.PriorYear) is not { } report)
        {
            return Result([], null, threshold, null, context.NoReport(context.PriorYear));
        }

        var actual = value(report);
        var figures = (parts?.Invoke(report) ?? []).Append(new Figure(name, actual, unit, report.Year)).ToList();
        var passed = comparison == Comparison.AtLeast ? actual >= limit : actual <= limit;
        return Result(figures, actual, threshold, passed, note);
    }
}

/// <summary>A share of the prior year's report (numerator ÷ denominator) of at least a percentage.</summary>
public sealed class PriorYearShare(string code, string description, string source,
    string name, (string Name, string Unit, Func<ReportFigures, decimal> Of) numerator,
    (string Name, string Unit, Func<ReportFigures, decimal> Of) denominator, decimal percent, string? note = null)
    : Criterion(code, description, source)
{
    public override CriterionResult Evaluate(EvaluationContext context)
    {
        var threshold = new Threshold(Comparison.AtLeast, percent, "%", $"at least {percent:0.##}% in {context.PriorYear}");
        if (context.Report(context.PriorYear) is not { } report)
        {
            return Result([], null, threshold, null, context.NoReport(context.PriorYear));
        }

        var (top, bottom) = (numerator.Of(report), denominator.Of(report));
        List<Figure> figures =
        [
            new(numerator.Name, top, numerator.Unit, report.Year),
            new(denominator.Name, bottom, denominator.Unit, report.Year),
        ];
        if (bottom <= 0)
        {
            return Result(figures, null, threshold, null, $"{denominator.Name} is 0 in {report.Year}, so the share is undefined.");
        }

        var share = Percent(top, bottom);
        figures.Add(new Figure(name, share, "%", report.Year));
        return Result(figures, share, threshold, ShareAtLeast(top, bottom, percent), note);
    }
}

/// <summary>A criterion whose threshold the sources we hold do not publish: always undetermined, never a guessed number.</summary>
public sealed class UnpublishedThreshold(string code, string description, string source, string unit, string note)
    : Criterion(code, description, source)
{
    public override CriterionResult Evaluate(EvaluationContext context) =>
        Result([], null, new Threshold(Comparison.AtLeast, null, unit, "not published in the sources we hold"), null, note);
}
