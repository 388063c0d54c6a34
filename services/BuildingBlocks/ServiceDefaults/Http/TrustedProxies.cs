using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ServiceDefaults.Http;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the proxies in front of this process (the ingress in front of
/// the gateway, the gateway in front of a service) whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. Addresses (<c>KnownProxies</c>: <c>10.0.0.7</c>) and
/// networks (<c>KnownNetworks</c>: <c>10.0.0.0/8</c>); when neither is given, only loopback, a proxy
/// on the same machine.
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string Section = "ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownNetworks { get; set; } = [];

    internal bool IsValid =>
        KnownProxies.All(p => IPAddress.TryParse(p, out _)) && KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _));
}

/// <summary>
/// The caller's address and scheme as the trusted proxies saw them, so that limits per address count
/// each client behind an ingress on its own, not all of them as the ingress. The chain of
/// X-Forwarded-For entries is walked back only through trusted proxies: an entry written by anyone
/// else (a client forging the header) is never taken as the caller's address.
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrustedProxiesOptions>().Bind(configuration.GetSection(TrustedProxiesOptions.Section))
            .Validate(o => o.IsValid, "ForwardedHeaders: KnownProxies must be IP addresses and KnownNetworks CIDR networks (10.0.0.0/8).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // No count limit: every hop through a trusted proxy is taken, and the walk stops at the first untrusted one.
            forwarded.ForwardLimit = null;
            if (trusted.Value.KnownProxies.Count + trusted.Value.KnownNetworks.Count == 0)
            {
                return;
            }

            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
