using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>The Enterprises service with a JSON body limit of 4 KiB and an import limit of 1 MB, set apart.</summary>
public sealed class ImportLimitFactory : EnterprisesApiFactory
{
    public const int MaxImportBytes = 1_000_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RequestLimits:MaxBodyBytes", "4096");
        builder.UseSetting("RequestLimits:MaxImportBodyBytes", MaxImportBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// The import reads its file as it arrives, within a limit of its own: a file refused part-way, after
/// batches of it were written, leaves nothing of it stored.
/// </summary>
public class StreamedImportTests(ImportLimitFactory factory) : IClassFixture<ImportLimitFactory>
{
    private const string Header = "creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn";
    private readonly HttpClient client = CreateClient(factory);

    private static HttpClient CreateClient(ImportLimitFactory factory)
    {
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        return client;
    }

    /// <summary>A file of <paramref name="rows"/> good rows (some 100 bytes each), the codes in order.</summary>
    private static (List<string> Codes, StringBuilder Csv) GoodRows(int rows, int seed)
    {
        var random = new Random(seed);
        var codes = new HashSet<string>();
        while (codes.Count < rows)
        {
            codes.Add(CreditCodes.New("120118", random));
        }

        var csv = new StringBuilder(Header).Append('\n');
        foreach (var code in codes)
        {
            csv.Append(code).Append(",天津静海流式导入企业有限公司,,120118,,新材料,2016-04-01\n");
        }

        return ([.. codes], csv);
    }

    /// <summary>Posts the bytes without a Content-Length (chunked), so only reading the body shows its size.</summary>
    private Task<HttpResponseMessage> PostChunkedAsync(byte[] body)
    {
        var content = new ChunkedContent(body);
        content.Headers.ContentType = new("text/csv");
        return client.PostAsync("/api/v1/enterprises/import", content);
    }

    private async Task NothingStoredAsync(List<string> codes)
    {
        (await client.GetAsync($"/api/v1/enterprises/{codes[0]}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the first batch was undone");
        (await factory.OutboxAsync("EnterpriseRegistered", codes[0])).Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_over_the_JSON_limit_but_within_the_import_limit_imports()
    {
        var (codes, csv) = GoodRows(200, seed: 1);
        Encoding.UTF8.GetByteCount(csv.ToString()).Should().BeGreaterThan(4096);

        var report = await (await client.PostRawAsync("/api/v1/enterprises/import", csv.ToString(), "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(codes.Count);
        var json = new string('x', 5000);
        await (await client.PostRawAsync("/api/v1/enterprises", $"{{\"name\":\"{json}\"}}", "application/json"))
            .ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payloadTooLarge");
    }

    [Fact]
    public async Task A_file_over_the_import_limit_is_413_by_its_length_or_part_way_when_sent_without_one_and_leaves_nothing()
    {
        var (codes, csv) = GoodRows(12_000, seed: 2);
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        bytes.Length.Should().BeGreaterThan(ImportLimitFactory.MaxImportBytes).And.BeLessThan(2 * ImportLimitFactory.MaxImportBytes);

        await (await client.PostRawAsync("/api/v1/enterprises/import", csv.ToString(), "text/csv")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payloadTooLarge");
        await (await PostChunkedAsync(bytes)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payloadTooLarge");

        await NothingStoredAsync(codes);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_or_a_NUL_after_whole_batches_refuse_the_file_with_400_and_leave_nothing()
    {
        foreach (var (seed, bad) in new[] { (3, new byte[] { 0xE9, 0x0A }), (4, new byte[] { 0x00, 0x0A }) })
        {
            var (codes, csv) = GoodRows(6_000, seed);
            byte[] body = [.. Encoding.UTF8.GetBytes(csv.ToString()), .. Encoding.UTF8.GetBytes(CreditCodes.New("120118") + ",天津"), .. bad];

            await (await PostChunkedAsync(body)).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

            await NothingStoredAsync(codes);
        }
    }

    [Fact]
    public async Task The_report_lists_the_first_1000_refused_rows_and_counts_them_all()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 1500; i++)
        {
            csv.Append(CreditCodes.New("120118")).Append(",天津,,120118,,,not-a-date\n");
        }

        var report = await (await client.PostRawAsync("/api/v1/enterprises/import", csv.ToString(), "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["rejectedCount"]!.GetValue<int>().Should().Be(1500);
        var rows = report["rejected"]!.AsArray().Select(r => r!["row"]!.GetValue<int>()).ToList();
        rows.Should().HaveCount(1000).And.BeInAscendingOrder();
        rows[0].Should().Be(2);
        rows[^1].Should().Be(1001);
    }

    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
