using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace Gateway.FunctionalTests;

/// <summary>What a service behind the gateway received of one request.</summary>
public sealed record Received(string Method, string Path, string? ForwardedFor, string? Authorization, string? IdempotencyKey);

/// <summary>
/// A stand-in for the services: a real HTTP server the gateway proxies to, which answers every
/// request with a JSON echo and remembers what it received, so a test sees what crossed the hop.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication app;

    private EchoBackend(WebApplication app, int port)
    {
        this.app = app;
        Address = $"http://127.0.0.1:{port}";
    }

    public string Address { get; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public static async Task<EchoBackend> StartAsync()
    {
        var port = TestPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new EchoBackend(app, port);
        app.Run(async context =>
        {
            var request = context.Request;
            var received = new Received(request.Method, request.Path, Header(request, "X-Forwarded-For"), Header(request, "Authorization"),
                Header(request, "Idempotency-Key"));
            if (!request.Path.StartsWithSegments("/health"))
            {
                backend.Requests.Enqueue(received);
            }

            await context.Response.WriteAsJsonAsync(received);
        });
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;
}

/// <summary>
/// The gateway in memory in front of an <see cref="EchoBackend"/>, behind an ingress on 10.0.0.0/8
/// that it trusts. The peer address of a request, which the in-memory server does not have, is taken
/// from the test-only X-Test-Peer header before the gateway's pipeline runs.
/// </summary>
public sealed class ProxyingGatewayFactory : GatewayFactory
{
    public const string PeerHeader = "X-Test-Peer";
    public const string Ingress = "10.0.0.5";

    public required EchoBackend Backend { get; init; }

    /// <summary>
    /// Clusters (by name) proxied to a backend of their own. Plans and Enterprises otherwise go to
    /// <see cref="Backend"/>, and the other services have no destination: not deployed.
    /// </summary>
    public IReadOnlyDictionary<string, EchoBackend> Backends { get; init; } = new Dictionary<string, EchoBackend>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var clusters = new Dictionary<string, EchoBackend> { ["plans"] = Backend, ["enterprises"] = Backend };
        foreach (var (cluster, backend) in Backends)
        {
            clusters[cluster] = backend;
        }

        foreach (var (cluster, backend) in clusters)
        {
            builder.UseSetting($"ReverseProxy:Clusters:{cluster}:Destinations:{cluster}-1:Address", backend.Address);
        }

        builder.UseSetting("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8");
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, PeerAddress>());
    }

    private sealed class PeerAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
