using System.Net;
using System.Net.Sockets;

namespace TestSupport;

/// <summary>
/// Ports for servers a test starts itself (a service on real Kestrel, a stand-in backend, the whole
/// system). On a machine several engineers share, <c>TEST_PORTS=58100-58199</c> keeps them inside
/// one's own range. Without it, a free port below the kernel's ephemeral range (32768 and up): a port
/// from that range can be taken, between the test's choice and the server's start (or while a test has
/// stopped its server), as the local port of an outgoing connection, even of a client connecting to
/// that very port, which then connects to itself and never hears the server.
/// </summary>
public static class TestPorts
{
    private const string BelowEphemeral = "20000-32767";
    private static int next;

    public static int Free()
    {
        var range = Environment.GetEnvironmentVariable("TEST_PORTS") ?? BelowEphemeral;
        var bounds = range.Split('-', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var (first, count) = (bounds[0], bounds[1] - bounds[0] + 1);
        for (var tried = 0; tried < count; tried++)
        {
            var port = first + (int)((uint)(Interlocked.Increment(ref next) + Environment.ProcessId) % count);
            if (Bind(port) is { } free)
            {
                return free;
            }
        }

        throw new InvalidOperationException($"No free port in {range}.");
    }

    private static int? Bind(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            var bound = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return bound;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
