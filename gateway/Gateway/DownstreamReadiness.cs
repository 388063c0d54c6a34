using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServiceDefaults;
using Yarp.ReverseProxy.Configuration;

namespace Gateway;

/// <summary>
/// The gateway is ready only when every service it routes to is: each destination of each cluster
/// is asked for its own /health/ready, and a cluster needs one ready destination (the balancer
/// sends nothing to the others), so one dead replica of several leaves the gateway ready but
/// Degraded. A cluster with no destinations is a service not yet deployed; its routes answer 503
/// and it does not hold the gateway back.
/// </summary>
internal sealed class DownstreamReadiness(IProxyConfigProvider proxyConfig, IHttpClientFactory httpClients) : IHealthCheck
{
    public const string HttpClientName = "readiness";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var destinations = proxyConfig.GetConfig().Clusters
            .SelectMany(cluster => (cluster.Destinations ?? new Dictionary<string, DestinationConfig>())
                .Select(d => (Cluster: cluster.ClusterId, Name: d.Key, d.Value.Address)))
            .ToList();
        var client = httpClients.CreateClient(HttpClientName);
        var results = await Task.WhenAll(destinations.Select(async d =>
        {
            try
            {
                using var response = await client.GetAsync(new Uri(new Uri(d.Address), "/health/ready"), cancellationToken);
                return (d.Cluster, d.Name, Ready: response.IsSuccessStatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return (d.Cluster, d.Name, Ready: false);
            }
        }));

        var data = results.ToDictionary(r => $"{r.Cluster}/{r.Name}", r => (object)(r.Ready ? "ready" : "not ready"));
        var clusters = results.GroupBy(r => r.Cluster).ToList();
        var notReady = clusters.Where(c => !c.Any(r => r.Ready)).Select(c => c.Key).ToList();
        var partly = clusters.Where(c => c.Any(r => r.Ready) && c.Any(r => !r.Ready))
            .Select(c => $"{c.Key} ({c.Count(r => r.Ready)} of {c.Count()})").ToList();
        if (notReady.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"Not ready: {string.Join(", ", notReady)}.", data: data);
        }

        return partly.Count > 0
            ? HealthCheckResult.Degraded($"Destinations ready: {string.Join(", ", partly)}.", data: data)
            : HealthCheckResult.Healthy($"{results.Length} destination(s) ready.", data);
    }
}

internal static class DownstreamReadinessExtensions
{
    public static IServiceCollection AddDownstreamReadiness(this IServiceCollection services)
    {
        services.AddHttpClient(DownstreamReadiness.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(3));
        services.AddHealthChecks().AddCheck<DownstreamReadiness>("services", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
