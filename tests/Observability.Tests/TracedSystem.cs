extern alias enterprises;
extern alias gateway;
extern alias plans;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using TestSupport;

namespace Observability.Tests;

/// <summary>
/// The gateway, the Enterprises service and the Plans service in this process, each listening on a
/// real port as in production (the gateway proxies over HTTP, the services fetch its signing keys),
/// with their events on a real redis-server, and every span ended in the process kept in one list.
/// Activity listeners are process-wide, so each host's tracer sees every host's spans: a span is
/// told apart by the port its server span answered on, and may be listed once per host.
/// </summary>
public sealed class TracedSystem : IAsyncLifetime
{
    private readonly RedisServer redis = new();
    private readonly string data = Directory.CreateTempSubdirectory("traced-system-").FullName;
    private readonly string streams = $"trace:{Guid.NewGuid():N}:";
    private readonly List<IDisposable> hosts = [];

    public SpanList Spans { get; } = new();

    public string ClientId { get; } = "trace-admin";

    public string ClientSecret { get; } = Guid.NewGuid().ToString("N");

    public int GatewayPort { get; } = TestPorts.Free();

    public int EnterprisesPort { get; } = TestPorts.Free();

    public int PlansPort { get; } = TestPorts.Free();

    public Task InitializeAsync()
    {
        Start(new WebApplicationFactory<enterprises::Program>(), EnterprisesPort, "enterprises");
        Start(new WebApplicationFactory<plans::Program>(), PlansPort, "plans");
        Start(new WebApplicationFactory<gateway::Program>(), GatewayPort, "gateway", web => web
            .UseSetting("TokenIssuer:Issuer", Gateway)
            .UseSetting("TokenIssuer:KeyDirectory", Path.Combine(data, "keys"))
            .UseSetting("TokenIssuer:Clients:0:ClientId", ClientId)
            .UseSetting("TokenIssuer:Clients:0:SecretHash", "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ClientSecret))))
            .UseSetting("TokenIssuer:Clients:0:Scopes:0", "*")
            .UseSetting("ReverseProxy:Clusters:plans:Destinations:plans-1:Address", $"http://127.0.0.1:{PlansPort}")
            .UseSetting("ReverseProxy:Clusters:enterprises:Destinations:enterprises-1:Address", $"http://127.0.0.1:{EnterprisesPort}"));
        return Task.CompletedTask;
    }

    public string Gateway => $"http://localhost:{GatewayPort}";

    public Task DisposeAsync()
    {
        hosts.ForEach(host => host.Dispose());
        redis.Dispose();
        Directory.Delete(data, recursive: true);
        return Task.CompletedTask;
    }

    private void Start<TProgram>(WebApplicationFactory<TProgram> factory, int port, string name, Action<IWebHostBuilder>? configure = null)
        where TProgram : class
    {
        var host = factory.WithWebHostBuilder(web =>
        {
            web.UseUrls($"http://127.0.0.1:{port}");
            web.UseSetting("Database:DataDirectory", Path.Combine(data, name));
            web.UseSetting("EventBus:Redis", redis.ConnectionString);
            web.UseSetting("EventBus:StreamPrefix", streams);
            web.UseSetting("Auth:Issuers:0:Authority", Gateway);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Telemetry:Tracing", "true");
            web.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
            configure?.Invoke(web);
        });
        host.UseKestrel();
        host.StartServer();
        hosts.Add(host);
    }
}
