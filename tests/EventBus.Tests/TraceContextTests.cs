using TestSupport;
using System.Collections.ObjectModel;
using System.Diagnostics;
using EventBus.Redis.Outbox;
using EventBus.Redis.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using OpenTelemetry.Trace;

namespace EventBus.Tests;

/// <summary>
/// A "shipping" service publishes inside a request's trace; a "billing" service applies the event.
/// Both turn OpenTelemetry on as the service defaults do, adding nothing of the event bus's own.
/// </summary>
public sealed class TraceContextTests : IAsyncLifetime
{
    private readonly RedisServer redis = new();
    private readonly string prefix = $"t{Guid.NewGuid():N}:";
    private readonly string directory = Directory.CreateTempSubdirectory("eventbus-trace-").FullName;
    private readonly ExportedActivities exported = new();
    private TestService shipping = null!;
    private TestService billing = null!;

    public async Task InitializeAsync()
    {
        shipping = new TestService(redis.ConnectionString, prefix, "shipping", Path.Combine(directory, "shipping.db"), configure: Traced);
        billing = new TestService(redis.ConnectionString, prefix, "billing", Path.Combine(directory, "billing.db"), consumes: ["shipping"],
            configure: Traced);
        await shipping.StartAsync();
        await billing.StartAsync();
    }

    private void Traced(IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(exported));
        // The instrumentation turns Redis's profiling records into activities every 10 s by default.
        builder.Services.Configure<StackExchangeRedisInstrumentationOptions>(o => o.FlushInterval = TimeSpan.FromMilliseconds(50));
    }

    private Activity? ProcessActivityOf(IntegrationEvent @event) =>
        exported.Snapshot().FirstOrDefault(a => a.Source.Name == EventBusTelemetry.ActivitySourceName
            && a.GetTagItem("messaging.message.id") as string == @event.Id.ToString());

    private async Task<Activity> AppliedAsync(ParcelShipped shipped)
    {
        await Eventually.HoldsAsync(async () => await billing.QueryAsync(db => db.Deliveries.AnyAsync(d => d.Parcel == shipped.Parcel)),
            "the event is applied");
        await Eventually.HoldsAsync(() => ProcessActivityOf(shipped) is not null, "the consumer's activity is exported");
        return ProcessActivityOf(shipped)!;
    }

    [Fact]
    public async Task The_handler_continues_the_trace_of_the_activity_that_published_the_event()
    {
        var shipped = new ParcelShipped("traced", 1);
        var request = new Activity("POST /parcels") { ActivityTraceFlags = ActivityTraceFlags.Recorded, TraceStateString = "sti=tj" };
        using (request.Start())
        {
            await shipping.PublishAsync(shipped);
        }

        var publisher = (await shipping.QueryAsync(db => db.Set<OutboxMessage>().SingleAsync())).Envelope;
        var process = await AppliedAsync(shipped);

        publisher.TraceParent.Should().Be(request.Id, "the outbox row keeps the publishing activity's context");
        publisher.TraceState.Should().Be("sti=tj");
        var published = request.Context;
        await using (var reader = await redis.ConnectAsync())
        {
            var entry = (await reader.GetDatabase().StreamRangeAsync(prefix + "shipping")).Single();
            ((string?)entry["traceparent"]).Should().Be(publisher.TraceParent);
            ((string?)entry["tracestate"]).Should().Be("sti=tj");
        }

        process.Kind.Should().Be(ActivityKind.Consumer);
        process.DisplayName.Should().Be("ParcelShipped process");
        process.TraceId.Should().Be(published.TraceId, "the consumer continues the publisher's trace");
        process.ParentSpanId.Should().Be(published.SpanId, "its parent is the activity that published the event");
        process.TraceStateString.Should().Be("sti=tj");
        billing.Behaviour.Activities["traced"]!.SpanId.Should().Be(process.SpanId, "the handler runs inside the consumer's activity");
        await Eventually.HoldsAsync(() => exported.Snapshot().Any(a => a.Kind == ActivityKind.Producer
                && a.Links.Any(l => l.Context.SpanId == published.SpanId)),
            "the relay's publish activity links to the publisher");
        await Eventually.HoldsAsync(() => exported.Snapshot().Any(a => a.ParentSpanId == process.SpanId && a.GetTagItem("db.system") is "redis"),
            "the consumer's Redis commands (its XACK) are traced inside its activity");
    }

    [Fact]
    public async Task An_event_published_outside_any_trace_starts_a_trace_at_the_consumer()
    {
        var shipped = new ParcelShipped("untraced", 1);
        await shipping.PublishAsync(shipped);

        var process = await AppliedAsync(shipped);

        (await shipping.QueryAsync(db => db.Set<OutboxMessage>().SingleAsync())).TraceParent.Should().BeNull();
        process.ParentSpanId.Should().Be(default(ActivitySpanId));
        process.DisplayName.Should().Be("ParcelShipped process");
    }

    public async Task DisposeAsync()
    {
        await billing.DisposeAsync();
        await shipping.DisposeAsync();
        redis.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}

/// <summary>What the in-memory exporters of several services collect; they add from any thread.</summary>
public sealed class ExportedActivities : Collection<Activity>
{
    private readonly Lock gate = new();

    public List<Activity> Snapshot()
    {
        lock (gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (gate)
        {
            base.InsertItem(index, item);
        }
    }
}
