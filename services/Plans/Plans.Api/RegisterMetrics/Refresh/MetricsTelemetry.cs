using System.Diagnostics.Metrics;

namespace Plans.Api.RegisterMetrics.Refresh;

/// <summary>
/// How long a refresh of the register metrics takes, and how many automatic figures it records:
/// the cost operators watch when a register sends bursts of events.
/// </summary>
public sealed class MetricsTelemetry
{
    public const string MeterName = "Plans.RegisterMetrics";

    public MetricsTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        RefreshDuration = meter.CreateHistogram<double>("plans.metrics.refresh.duration", "ms",
            "Time to refresh the indicators bound to register metrics after a change.");
        FiguresRecorded = meter.CreateCounter<long>("plans.metrics.figures.recorded", "{figure}",
            "Automatic figures recorded because a register metric changed.");
    }

    public Histogram<double> RefreshDuration { get; }

    public Counter<long> FiguresRecorded { get; }
}
