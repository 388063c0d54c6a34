using System.Diagnostics;
using System.Net.Sockets;

namespace EndToEnd.Tests;

/// <summary>
/// The whole system as an operator starts it: <c>deploy/run.sh</c> (Redis, the services, the
/// gateway) on free ports with a fresh data folder, stopped with Ctrl-C (SIGINT) at the end.
/// Expects the Release build that tests/run.sh makes first.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private Process? process;
    private readonly System.Text.StringBuilder output = new();
    private readonly IReadOnlyList<string> arguments;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly TimeSpan readyWithin;
    private readonly TimeSpan stopWithin;

    public SystemFixture()
        : this([], new Dictionary<string, string>(), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(30))
    {
    }

    /// <summary>deploy/run.sh with more <paramref name="arguments"/> and <paramref name="environment"/> (a topology of replicas).</summary>
    internal SystemFixture(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        TimeSpan readyWithin, TimeSpan stopWithin)
    {
        this.arguments = arguments;
        this.environment = environment;
        this.readyWithin = readyWithin;
        this.stopWithin = stopWithin;
    }

    public int GatewayPort { get; } = TestSupport.TestPorts.Free();
    public int PlansPort { get; } = TestSupport.TestPorts.Free();
    public int EnterprisesPort { get; } = TestSupport.TestPorts.Free();
    public int PlatformsPort { get; } = TestSupport.TestPorts.Free();
    public int TalentPort { get; } = TestSupport.TestPorts.Free();
    public int RedisPort { get; } = TestSupport.TestPorts.Free();
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "e2e-" + Guid.NewGuid().ToString("N")[..8]);
    /// <summary>The gateway, called with the local admin client's token.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The gateway, called without a token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;
    public string AdminClientId { get; } = "e2e-admin";
    public string AdminClientSecret { get; } = Guid.NewGuid().ToString("N");
    public string Output { get { lock (output) { return output.ToString(); } } }

    public async Task InitializeAsync()
    {
        // With SIGINT at its default: a shell that starts with it ignored cannot trap it, and a runner that starts the
        // tests as a background job of a script (`.ci/run &`) passes it on ignored, so Ctrl-C would never reach run.sh.
        var start = new ProcessStartInfo("env",
            ["--default-signal=INT", "bash", Path.Combine(TestSupport.TestPaths.RepositoryRoot, "deploy", "run.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["GATEWAY_PORT"] = GatewayPort.ToString(),
                ["PLANS_PORT"] = PlansPort.ToString(),
                ["ENTERPRISES_PORT"] = EnterprisesPort.ToString(),
                ["PLATFORMS_PORT"] = PlatformsPort.ToString(),
                ["TALENT_PORT"] = TalentPort.ToString(),
                ["REDIS_PORT"] = RedisPort.ToString(),
                ["DATA_DIR"] = DataDirectory,
                ["SKIP_BUILD"] = "1",
                ["LOCAL_ADMIN_CLIENT_ID"] = AdminClientId,
                ["LOCAL_ADMIN_CLIENT_SECRET"] = AdminClientSecret,
            },
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Anonymous = new HttpClient { BaseAddress = new Uri($"http://localhost:{GatewayPort}") };
        Gateway = new HttpClient { BaseAddress = new Uri($"http://localhost:{GatewayPort}") };

        var deadline = DateTime.UtcNow + readyWithin;
        while (!Output.Contains("Ready.", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"deploy/run.sh did not become ready:\n{Output}");
            }

            await Task.Delay(250);
        }

        Gateway.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await AdminTokenAsync());
    }

    /// <summary>A token of the local admin client: every scope, or only those named (space-separated).</summary>
    public async Task<string> AdminTokenAsync(string? scope = null)
    {
        List<KeyValuePair<string, string>> form =
        [
            KeyValuePair.Create("grant_type", "client_credentials"),
            KeyValuePair.Create("client_id", AdminClientId),
            KeyValuePair.Create("client_secret", AdminClientSecret),
        ];
        if (scope is not null)
        {
            form.Add(KeyValuePair.Create("scope", scope));
        }

        var response = await Anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["access_token"]!.GetValue<string>();
    }

    /// <summary>Sends Ctrl-C the way a terminal does and waits for the script to stop everything.</summary>
    public async Task<int> StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return process?.ExitCode ?? -1;
        }

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(stopWithin);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"deploy/run.sh did not stop within {stopWithin.TotalSeconds} s of Ctrl-C:\n{Output}");
        }

        return process.ExitCode;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            Gateway.Dispose();
            Anonymous.Dispose();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
