using System.Net;
using System.Net.Sockets;

namespace TestSupport;

/// <summary>
/// Ports for servers a test starts itself (a service on real Kestrel, a stand-in backend, the whole
/// system). On a machine several engineers share, <c>TEST_PORTS=58100-58199</c> keeps them inside
/// one's own range; without it the system picks a free port.
/// </summary>
public static class TestPorts
{
    private static int next;

    public static int Free()
    {
        if (Environment.GetEnvironmentVariable("TEST_PORTS") is not { } range)
        {
            return Bind(0) ?? throw new InvalidOperationException("No free port.");
        }

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

        throw new InvalidOperationException($"No free port in TEST_PORTS={range}.");
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
