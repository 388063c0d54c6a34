using System.Diagnostics.Metrics;
using EventBus.Redis.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace EventBus.Tests;

/// <summary>
/// Listens to the event bus meter of one service (its own meter factory: several services share
/// the test process): sums counters, keeps the last reading of each gauge, counts histogram records.
/// </summary>
public sealed class MetricsProbe : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> sums = [];
    private readonly Dictionary<string, long> readings = [];
    private readonly Dictionary<string, int> records = [];

    public MetricsProbe(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EventBusTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Count(instrument, tags));
        listener.Start();
    }

    /// <summary>The sum of a counter over the measurements whose tags include <paramref name="tags"/>.</summary>
    public long Sum(string name, params string[] tags)
    {
        lock (gate)
        {
            return sums.Where(s => Matches(s.Key, name, tags)).Sum(s => s.Value);
        }
    }

    /// <summary>A gauge read now, or null when it reports nothing (yet).</summary>
    public long? Gauge(string name, params string[] tags)
    {
        lock (gate)
        {
            readings.Clear();
        }

        listener.RecordObservableInstruments();
        lock (gate)
        {
            return readings.Where(r => Matches(r.Key, name, tags)).Select(r => (long?)r.Value).SingleOrDefault();
        }
    }

    public int Records(string name, params string[] tags)
    {
        lock (gate)
        {
            return records.Where(r => Matches(r.Key, name, tags)).Sum(r => r.Value);
        }
    }

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Key(instrument, tags);
        lock (gate)
        {
            if (instrument.IsObservable)
            {
                readings[key] = value;
            }
            else
            {
                sums[key] = sums.GetValueOrDefault(key) + value;
            }
        }
    }

    private void Count(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Key(instrument, tags);
        lock (gate)
        {
            records[key] = records.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>"name|tag=value|tag=value", tags in order.</summary>
    private static string Key(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join('|', [instrument.Name, .. parts.Order(StringComparer.Ordinal)]);
    }

    private static bool Matches(string key, string name, string[] tags)
    {
        var parts = key.Split('|');
        return parts[0] == name && tags.All(parts.Skip(1).Contains);
    }
}
