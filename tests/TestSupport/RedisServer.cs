using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace TestSupport;

/// <summary>
/// A real redis-server of the test's own, on a free port, keeping its data in an append-only file
/// so it can be stopped and started again with its streams intact.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("eventbus-redis-").FullName;
    private Process? process;

    public RedisServer()
    {
        Port = TestPorts.Free();
        Start();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A connection of the test's own, to look at what the services wrote.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(ConnectionString);

    public void Start()
    {
        process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", directory, "--appendonly", "yes", "--appendfsync", "always", "--save", ""])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WaitFor(listening: true);
    }

    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }

        WaitFor(listening: false);
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(directory, recursive: true);
    }

    private void WaitFor(bool listening)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (IsListening() == listening)
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not {(listening ? "start" : "stop")}.");
    }

    private bool IsListening()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
