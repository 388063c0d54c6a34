using Plans.Api.Domain;

namespace Plans.Api.RegisterMetrics.Refresh;

/// <summary>What a metric's counts make for an indicator: the days it sums, and the figure it reports.</summary>
public static class MetricValues
{
    /// <summary>The first and last day of the series a window sums, for an indicator of a plan whose period starts in <paramref name="periodStart"/>.</summary>
    public static (DateOnly From, DateOnly To) DaysOf(MetricWindow window, IndicatorFacts facts, int periodStart, DateOnly today) => window switch
    {
        MetricWindow.HeldToday => (today, DateOnly.MaxValue),
        MetricWindow.HeldThisOrLastYear => (new DateOnly(today.Year - 1, 1, 1), DateOnly.MaxValue),
        _ => (CountedFrom(facts, periodStart, today), today),
    };

    /// <summary>
    /// The first day that counts for a metric of what happened since the baseline: the day after the
    /// baseline year (the baseline is the total to its end), or without a baseline the first day of
    /// the plan's period. A flow counts one year at a time, so from 1 January of this year at the earliest.
    /// </summary>
    public static DateOnly CountedFrom(IndicatorFacts facts, int periodStart, DateOnly today)
    {
        var from = facts.Baseline is { } baseline ? new DateOnly(baseline.Year + 1, 1, 1) : new DateOnly(periodStart, 1, 1);
        var thisYear = new DateOnly(today.Year, 1, 1);
        return facts.Measure == Measure.Flow && thisYear > from ? thisYear : from;
    }

    /// <summary>
    /// The figure a count makes for an indicator. A running total (累计) is a total to date whose baseline
    /// counts what came before, and an increment's figures are the level reached: for a metric of what
    /// happened since the baseline both are the baseline plus the count. Otherwise the count itself.
    /// </summary>
    public static decimal ValueOf(RegisterMetric metric, IndicatorFacts facts, long count) =>
        metric.CountsSinceBaseline && facts.Measure is Measure.Cumulative or Measure.Increment && facts.Baseline is { } baseline
            ? baseline.Value + count
            : count;
}
