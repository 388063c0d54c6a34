using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace TestSupport;

/// <summary>An HTTP/1.1 answer read off a raw socket; status 0 when the server closed the connection without one.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static readonly RawResponse None = new(0, new Dictionary<string, string>(), "");

    public string? ContentType => Headers.GetValueOrDefault("content-type");

    /// <summary>Asserts an RFC 9457 problem with the status and code given, and returns it.</summary>
    public JsonNode Problem(int status, string code)
    {
        Status.Should().Be(status, "the answer was {0}", Body);
        ContentType.Should().StartWith("application/problem+json");
        var problem = JsonNode.Parse(Body)!;
        problem["status"]!.GetValue<int>().Should().Be(status);
        problem["code"]!.GetValue<string>().Should().Be(code);
        return problem;
    }
}

/// <summary>
/// Requests no well-behaved HTTP client will send (a Content-Length that lies, a body that stops
/// half-way, a NUL in the path), written byte for byte to a server on real Kestrel.
/// </summary>
public static class RawHttp
{
    /// <param name="port">The server's port on 127.0.0.1.</param>
    /// <param name="head">Request line and header fields, each line without its CRLF, one byte per character; Host and
    /// Connection: close are added.</param>
    /// <param name="body">Bytes sent after the header section, as they are.</param>
    /// <param name="halfClose">Closes the sending side after the body, as a client that stopped sending would.</param>
    public static async Task<RawResponse> SendAsync(int port, IEnumerable<string> head, byte[]? body = null, bool halfClose = false,
        TimeSpan? timeout = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var lines = head.ToList();
        lines.Insert(1, $"Host: 127.0.0.1:{port}");
        lines.Insert(2, "Connection: close");
        // Latin-1, so that a test can write any byte into a header (\u00FF is the byte 0xFF).
        await stream.WriteAsync(Encoding.Latin1.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n"));
        // The body is written while the answer is read: a server that answers before reading it all
        // (a 413) stops reading, and a writer waiting for it would never get to the answer.
        var sending = SendBodyAsync(client, body, halfClose);
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server reset the connection after answering; the answer is complete.
        }
        catch (IOException reset) when (reset.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            // The server reset the connection without answering (Kestrel does so to a client that hung up mid-body): no answer.
        }

        await sending;
        return Parse(received.ToArray());
    }

    private static async Task SendBodyAsync(TcpClient client, byte[]? body, bool halfClose)
    {
        try
        {
            if (body is not null)
            {
                await client.GetStream().WriteAsync(body);
            }

            if (halfClose)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception refused) when (refused is IOException or SocketException or ObjectDisposedException)
        {
            // The server answered and closed before taking the whole body; the answer is what the test reads.
        }
    }

    private static RawResponse Parse(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return RawResponse.None;
        }

        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidOperationException($"No complete answer: '{Encoding.UTF8.GetString(bytes)}'.");
        }

        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = bytes[(end + 4)..];
        return new RawResponse(status, headers,
            Encoding.UTF8.GetString(headers.GetValueOrDefault("transfer-encoding") == "chunked" ? Dechunk(body) : body));
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var result = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = position + body.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < position)
            {
                throw new InvalidOperationException($"The chunked answer was cut short: '{Encoding.UTF8.GetString(body)}'.");
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, position, lineEnd - position).Split(';')[0], 16);
            if (size == 0)
            {
                return result.ToArray();
            }

            result.Write(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
