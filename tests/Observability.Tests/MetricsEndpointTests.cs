using System.Net;
using TestSupport;

namespace Observability.Tests;

/// <summary>Each service's Prometheus scrape endpoint: the service's own figures, for the network inside only.</summary>
public sealed class MetricsEndpointTests(TracedSystem system) : IClassFixture<TracedSystem>
{
    [Fact]
    public async Task A_service_serves_its_request_and_event_bus_metrics_to_a_scraper_on_the_inside()
    {
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{system.PlansPort}") };
        await scraper.GetAsync("/api/v1/regions/120118");

        var text = await Eventually.ValueAsync(async () => await scraper.GetStringAsync("/metrics"),
            body => body.Contains("http_server_request_duration_seconds", StringComparison.Ordinal), "request metrics are exported");

        text.Should().Contain("eventbus_consumer_lag", "the event bus reports its consumer lag");
        text.Should().Contain("eventbus_outbox_backlog", "the event bus reports its outbox backlog");
    }

    [Fact]
    public async Task The_scrape_endpoint_is_not_served_to_a_caller_that_came_through_a_proxy()
    {
        using var outsider = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{system.PlansPort}") };
        outsider.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        var response = await outsider.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
