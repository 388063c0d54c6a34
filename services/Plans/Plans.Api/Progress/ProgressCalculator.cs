using Plans.Api.Domain;

namespace Plans.Api.Progress;

public enum ProgressStatus
{
    Achieved,
    OnTrack,
    Behind,
    NoData,
}

/// <summary>An observed value for a year; several for one year mean later corrections.</summary>
/// <param name="Source">Where the value came from: <c>manual</c>, or the register that counted it (<c>register:enterprises</c>).</param>
public sealed record ObservedValue(int Year, decimal Value, ObservationOrigin Origin, DateTimeOffset RecordedAt, string? Source = null);

/// <summary>The progress of one indicator as of a date.</summary>
/// <param name="Target">The final target (the latest year's).</param>
/// <param name="Actual">The latest observation, after corrections; null when there is none.</param>
/// <param name="AchievedValue">The figure compared with the target: the actual level, the increase over the baseline
/// (increment), or the sum of yearly values over the period (flow).</param>
/// <param name="ProgressPercent">Share of the way from baseline to target that the actual has covered.</param>
/// <param name="ExpectedPercent">Where a straight line from baseline to target (through any milestones) says it
/// should be as of the date.</param>
/// <param name="ExpectedPercentAtActual">Where that line says it should have been at the end of the actual's year;
/// the status compares against this, so statistics that arrive a year late are not counted as falling behind.</param>
public sealed record IndicatorProgress(
    Target Target,
    ObservedValue? Actual,
    decimal? AchievedValue,
    decimal? ProgressPercent,
    decimal? ExpectedPercent,
    decimal? ExpectedPercentAtActual,
    ProgressStatus Status);

/// <summary>
/// How far an indicator has come. A baseline is the value at the end of its year, a target the
/// value due by the end of its year, and the expected path runs straight between them, bending at
/// milestones. A target that the baseline already meets is one to hold: 100% while it holds.
/// </summary>
public static class ProgressCalculator
{
    public static IndicatorProgress Calculate(IndicatorFacts facts, IEnumerable<ObservedValue> observations, DateOnly asOf)
    {
        if (facts.Targets.Count == 0)
        {
            throw new ArgumentException("An indicator has at least one target.", nameof(facts));
        }

        var targets = facts.Targets.OrderBy(t => t.Year).ToList();
        var final = targets[^1];
        if (final.Value is not { } finalValue)
        {
            // A target without a figure (完成新区下达任务) cannot be measured against.
            return new IndicatorProgress(final, null, null, null, null, null, ProgressStatus.NoData);
        }

        var yearly = observations
            .Where(o => o.Year <= asOf.Year)
            .GroupBy(o => o.Year)
            .Select(g => g.MaxBy(o => o.RecordedAt)!)
            .OrderBy(o => o.Year)
            .ToList();
        var actual = yearly.Count > 0 ? yearly[^1] : null;

        var betterIsHigher = facts.Direction switch
        {
            Direction.Increase => true,
            Direction.Decrease => false,
            _ => final.Qualifier != TargetQualifier.AtMost,
        };
        bool Meets(decimal value) => betterIsHigher ? value >= finalValue : value <= finalValue;

        var start = StartingPoint(facts);
        var achievedValue = actual is null ? null : AchievedValue(facts, yearly, actual, final.Year);
        if (achievedValue is null)
        {
            return new IndicatorProgress(final, actual, null, null, null, null, ProgressStatus.NoData);
        }

        if (start is null)
        {
            // Without a baseline there is no path to measure against: only the target itself.
            var status = Meets(achievedValue.Value) ? ProgressStatus.Achieved
                : asOf > new DateOnly(final.Year, 12, 31) ? ProgressStatus.Behind : ProgressStatus.NoData;
            return new IndicatorProgress(final, actual, achievedValue, null, null, null, status);
        }

        var (startYear, startValue) = start.Value;
        var gap = finalValue - startValue;
        var holdTheLine = gap == 0 || Meets(startValue);
        if (holdTheLine)
        {
            var holds = Meets(achievedValue.Value);
            return new IndicatorProgress(final, actual, achievedValue, holds ? 100m : 0m, 100m, 100m,
                holds ? ProgressStatus.Achieved : ProgressStatus.Behind);
        }

        var path = new List<(decimal Time, decimal Value)> { (EndOf(startYear), startValue) };
        path.AddRange(targets.Where(t => t.Year > startYear && t.Value is not null).Select(t => (EndOf(t.Year), t.Value!.Value)));

        var progress = Percent(achievedValue.Value - startValue, gap);
        var expected = Percent(ValueOnPath(path, TimeOf(asOf)) - startValue, gap);
        var expectedAtActual = Percent(ValueOnPath(path, EndOf(actual!.Year)) - startValue, gap);
        var verdict = Meets(achievedValue.Value) ? ProgressStatus.Achieved
            : progress >= expectedAtActual ? ProgressStatus.OnTrack
            : ProgressStatus.Behind;
        return new IndicatorProgress(final, actual, achievedValue, progress, expected, expectedAtActual, verdict);
    }

    /// <summary>
    /// Where progress is counted from: the baseline for levels, stocks and running totals (累计,
    /// whose baseline is the total so far); zero at the baseline year for an increment or a flow,
    /// whose targets are amounts added over the period.
    /// </summary>
    private static (int Year, decimal Value)? StartingPoint(IndicatorFacts facts) => facts switch
    {
        { Measure: Measure.Increment or Measure.Flow, Baseline: { } b } => (b.Year, 0m),
        { Baseline: { } b } => (b.Year, b.Value),
        _ => null,
    };

    private static decimal? AchievedValue(IndicatorFacts facts, IReadOnlyList<ObservedValue> yearly, ObservedValue actual,
        int finalYear) => facts.Measure switch
    {
        Measure.Increment => facts.Baseline is { } baseline ? actual.Value - baseline.Value : null,
        Measure.Flow => yearly
            .Where(o => o.Year <= finalYear && (facts.Baseline is null || o.Year > facts.Baseline.Year))
            .Sum(o => o.Value),
        _ => actual.Value,
    };

    /// <summary>Time in years, where the end of year Y is Y + 1.</summary>
    private static decimal EndOf(int year) => year + 1;

    private static decimal TimeOf(DateOnly date) =>
        date.Year + (decimal)(date.DayOfYear - 1) / (DateTime.IsLeapYear(date.Year) ? 366 : 365);

    private static decimal ValueOnPath(IReadOnlyList<(decimal Time, decimal Value)> path, decimal time)
    {
        if (time <= path[0].Time)
        {
            return path[0].Value;
        }

        for (var i = 1; i < path.Count; i++)
        {
            var (t1, v1) = path[i];
            if (time <= t1)
            {
                var (t0, v0) = path[i - 1];
                return v0 + (v1 - v0) * (time - t0) / (t1 - t0);
            }
        }

        return path[^1].Value;
    }

    private static decimal Percent(decimal part, decimal whole) =>
        Math.Round(part / whole * 100m, 1, MidpointRounding.AwayFromZero);
}
