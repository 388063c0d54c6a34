using System.Net;
using System.Text;
using System.Text.Json;

namespace Plans.FunctionalTests;

/// <summary>The Plans service on real Kestrel, for what only a real server sees: the raw request line, lying lengths, bodies cut short.</summary>
public sealed class KestrelPlansApiFactory : PlansApiFactory
{
    public KestrelPlansApiFactory()
    {
        Port = TestPorts.Free();
        UseKestrel(Port);
    }

    public int Port { get; }
}

/// <summary>
/// Requests that a well-behaved client never sends, written byte for byte to the service on real
/// Kestrel: each is a 4xx (a problem document wherever the request reaches the application), never
/// a 5xx, and changes nothing stored.
/// </summary>
public class KestrelLimitsTests : IClassFixture<KestrelPlansApiFactory>
{
    private readonly KestrelPlansApiFactory factory;
    private readonly string bearer = "Authorization: Bearer " + PlansApiFactory.Issuer.Token();

    public KestrelLimitsTests(KestrelPlansApiFactory factory)
    {
        this.factory = factory;
        factory.StartServer();
    }

    [Fact]
    public async Task A_request_line_a_little_over_8_kib_gets_a_414_problem_from_the_service()
    {
        var answer = await RawHttp.SendAsync(factory.Port, [$"GET /api/v1/plans/{new string('x', 10_000)} HTTP/1.1"]);

        answer.Problem(414, "uriTooLong");
    }

    [Fact]
    public async Task A_request_line_far_over_the_limit_is_refused_by_the_server_itself_with_a_4xx()
    {
        var answer = await RawHttp.SendAsync(factory.Port, [$"GET /api/v1/plans?q={new string('x', 40_000)} HTTP/1.1"]);

        answer.Status.Should().Be(414, "Kestrel's own limit, twice the service's, answers before any middleware runs");
    }

    [Fact]
    public async Task A_header_section_a_little_over_32_kib_gets_a_431_problem_from_the_service()
    {
        var head = new List<string> { "GET /api/v1/regions HTTP/1.1" };
        head.AddRange(Enumerable.Range(0, 10).Select(i => $"X-Filler-{i}: {new string('f', 4000)}"));

        var answer = await RawHttp.SendAsync(factory.Port, head);

        answer.Problem(431, "headersTooLarge");
    }

    [Theory]
    [InlineData("Idempotency-Key: \u00ff\u00fe")]
    [InlineData("Idempotency-Key: \u00d0\u00ba\u00d0\u00bb")]
    [InlineData("X-Client: \u00c3\u0028")]
    public async Task A_header_value_of_bytes_outside_ascii_utf8_or_not_gets_a_400_problem_naming_it(string field)
    {
        // No body: the request is refused before one would be read, and unread bytes would make the server reset the connection.
        var answer = await RawHttp.SendAsync(factory.Port, ["GET /api/v1/regions HTTP/1.1", bearer, field]);

        answer.Problem(400, "invalidHeader");
    }

    [Fact]
    public async Task A_nul_in_the_path_is_refused_by_the_server_with_a_400()
    {
        var answer = await RawHttp.SendAsync(factory.Port, ["GET /api/v1/plans/a%00b HTTP/1.1"]);

        answer.Status.Should().Be(400, "Kestrel refuses a NUL in the path before any application code can run");
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_from_a_client_that_stops_sending_creates_nothing()
    {
        var code = Api.UniqueCode("LIE");
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Api.Plan(code)));

        var answer = await RawHttp.SendAsync(factory.Port,
            ["POST /api/v1/plans HTTP/1.1", bearer, "Content-Type: application/json", $"Content-Length: {body.Length + 100}"],
            body, halfClose: true);

        answer.Status.Should().BeOneOf([0, 400], "the server may answer a client that hung up, or just close: {0}", answer.Body);
        (await factory.CreateClient().GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_from_a_client_that_goes_silent_is_a_408_and_creates_nothing()
    {
        var code = Api.UniqueCode("SLOW");
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Api.Plan(code)));

        var answer = await RawHttp.SendAsync(factory.Port,
            ["POST /api/v1/plans HTTP/1.1", bearer, "Content-Type: application/json", $"Content-Length: {body.Length + 500_000}"],
            body, timeout: TimeSpan.FromSeconds(30));

        answer.Status.Should().Be(408, "the body stopped arriving: {0}", answer.Body);
        (await factory.CreateClient().GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_huge_content_length_is_a_413_without_waiting_for_the_body()
    {
        var answer = await RawHttp.SendAsync(factory.Port,
            ["POST /api/v1/plans HTTP/1.1", bearer, "Content-Type: application/json", "Content-Length: 999999999999"],
            timeout: TimeSpan.FromSeconds(10));

        answer.Problem(413, "payloadTooLarge");
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_and_creates_nothing()
    {
        var code = Api.UniqueCode("CHUNK");
        var json = Encoding.UTF8.GetBytes($$"""{"code":"{{code}}","title":"{{new string('x', 2 * 1024 * 1024)}}"}""");
        using var chunked = new MemoryStream();
        foreach (var chunk in json.Chunk(64 * 1024))
        {
            chunked.Write(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            chunked.Write(chunk);
            chunked.Write("\r\n"u8);
        }

        chunked.Write("0\r\n\r\n"u8);

        var answer = await RawHttp.SendAsync(factory.Port,
            ["POST /api/v1/plans HTTP/1.1", bearer, "Content-Type: application/json", "Transfer-Encoding: chunked"], chunked.ToArray());

        answer.Problem(413, "payloadTooLarge");
        (await factory.CreateClient().GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_chunked_body_with_a_malformed_chunk_size_is_a_400()
    {
        var answer = await RawHttp.SendAsync(factory.Port,
            ["POST /api/v1/plans HTTP/1.1", bearer, "Content-Type: application/json", "Transfer-Encoding: chunked"],
            "zz\r\n{}\r\n0\r\n\r\n"u8.ToArray());

        answer.Status.Should().Be(400, answer.Body);
    }

    [Fact]
    public async Task Head_over_a_real_connection_has_the_get_headers_and_no_body()
    {
        var head = await RawHttp.SendAsync(factory.Port, ["HEAD /api/v1/regions HTTP/1.1"]);
        var get = await RawHttp.SendAsync(factory.Port, ["GET /api/v1/regions HTTP/1.1"]);

        head.Status.Should().Be(200);
        head.Body.Should().BeEmpty();
        head.ContentType.Should().Be(get.ContentType);
    }
}
