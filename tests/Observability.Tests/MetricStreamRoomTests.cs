using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using ServiceDefaults;
using ServiceDefaults.Telemetry;

namespace Observability.Tests;

/// <summary>
/// How many tag combinations a service's metric streams keep apart: the request instruments OpenTelemetry's default,
/// every other instrument <see cref="TelemetryExtensions.FewTagsCardinalityLimit"/>, the rest counted in one overflow point.
/// </summary>
public sealed class MetricStreamRoomTests
{
    private const int Combinations = TelemetryExtensions.FewTagsCardinalityLimit + 100;

    [Fact]
    public void An_instrument_outside_the_requests_keeps_its_few_tags_apart_and_counts_the_rest_in_one_overflow_point()
    {
        var points = Exported("Observability.Tests.FewTags", "few.tags.total");

        points.Where(p => !IsOverflow(p)).Should().HaveCount(TelemetryExtensions.FewTagsCardinalityLimit);
        points.Where(p => IsOverflow(p)).Should().ContainSingle("the combinations past the room are counted together")
            .Which.GetSumLong().Should().Be(Combinations - TelemetryExtensions.FewTagsCardinalityLimit);
        points.Sum(p => p.GetSumLong()).Should().Be(Combinations, "no measurement is lost");
    }

    [Fact]
    public void A_request_instrument_keeps_every_combination_apart()
    {
        var points = Exported("Microsoft.AspNetCore.Hosting", "requests.by.route.total");

        points.Should().HaveCount(Combinations);
        points.Should().NotContain(p => IsOverflow(p));
    }

    /// <summary>The points a service's telemetry exports for a counter of <paramref name="meterName"/> given one measurement in each of <see cref="Combinations"/> tag values.</summary>
    private static List<MetricPoint> Exported(string meterName, string counterName)
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddServiceTelemetry(new ServiceDescription("room", "Room", "Metric streams under test", typeof(MetricStreamRoomTests).Assembly));
        var exported = new List<MetricSnapshot>();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(meterName).AddInMemoryExporter(exported));
        using var app = builder.Build();
        var provider = app.Services.GetRequiredService<MeterProvider>();

        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>(counterName);
        for (var i = 0; i < Combinations; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("value", i));
        }

        // The in-memory reader collects; the Prometheus one, which collects only for a scrape, answers false.
        provider.ForceFlush();
        return [.. exported.Last(m => m.Name == counterName).MetricPoints];
    }

    private static bool IsOverflow(MetricPoint point)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == "otel.metric.overflow")
            {
                return true;
            }
        }

        return false;
    }
}
