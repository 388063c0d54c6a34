using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Enterprises.Api.Data;
using EventBus.Redis.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enterprises.FunctionalTests;

/// <summary>An import of 40,000 rows: past SQLite's 32,766 parameters of one statement, and twenty batches of the import.</summary>
public class LargeImportTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private const int Rows = 40_000;
    // HttpClient gives up after 100 s by default: on a busy machine the other test classes share, the import may take longer.
    private readonly HttpClient client = CreateClient(factory);

    private static HttpClient CreateClient(EnterprisesApiFactory factory)
    {
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        return client;
    }

    [Fact]
    public async Task A_file_of_40000_rows_imports_at_the_default_limits_with_every_row_judged_and_published_as_in_a_small_one()
    {
        var existing = await client.CreateEnterpriseAsync("120116", "12Z01");
        var random = new Random(12);
        var codes = new HashSet<string>();
        while (codes.Count < Rows - 3)
        {
            codes.Add(CreditCodes.New("120118", random));
        }

        codes.Remove(existing);
        var csv = new StringBuilder("creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn\n");
        foreach (var code in codes)
        {
            csv.Append(code).Append(",天津静海大批企业有限公司,,120118,,新材料,2016-04-01\n");
        }

        var last = codes.Last();
        csv.Append(last).Append(",天津静海大批企业有限公司,,120118,,新材料,2016-04-01\n");
        csv.Append(CreditCodes.WithWrongCheck(CreditCodes.New("120118", random))).Append(",天津错码企业有限公司,,120118,,,2016-04-01\n");
        csv.Append(existing).Append(",天津市海河智能科技有限公司,,120116,12Z01,生物医药,2015-03-18\n");
        var dataRows = codes.Count + 3;
        Encoding.UTF8.GetByteCount(csv.ToString()).Should().BeGreaterThan(1024 * 1024, "the file is over the JSON body limit");

        var report = await (await client.PostRawAsync("/api/v1/enterprises/import", csv.ToString(), "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(codes.Count);
        report["updated"]!.GetValue<int>().Should().Be(1, "the enterprise on the register changed industry");
        report["rejectedCount"]!.GetValue<int>().Should().Be(2);
        var rejected = report["rejected"]!.AsArray();
        rejected.Select(r => r!["row"]!.GetValue<int>()).Should().Equal(dataRows - 1, dataRows);
        rejected[0]!["code"]!.GetValue<string>().Should().Be("duplicateRow");
        rejected[1]!["message"]!.GetValue<string>().Should().Contain("creditCode");
        var listed = await (await client.GetAsync("/api/v1/enterprises?regionCode=120118&pageSize=1&count=true")).JsonAsync(HttpStatusCode.OK);
        listed["totalCount"]!.GetValue<int>().Should().Be(codes.Count);
        var byNumber = await (await client.GetAsync("/api/v1/enterprises?regionCode=120118&page=2&pageSize=1")).JsonAsync(HttpStatusCode.OK);
        byNumber.AsObject().Should().ContainKey("totalCount");
        byNumber["totalCount"].Should().BeNull("a page asked by number counts up to 10,000 matches unless count=true asks for all");
        byNumber["items"]!.AsArray().Should().ContainSingle();
        var small = await (await client.GetAsync("/api/v1/enterprises?regionCode=120116&page=1&pageSize=1")).JsonAsync(HttpStatusCode.OK);
        small["totalCount"]!.GetValue<int>().Should().Be(1, "up to 10,000 matches a page asked by number carries their count");
        (await RegisteredCodesAsync()).Should().Equal(codes.Append(existing).Order(StringComparer.Ordinal),
            "each enterprise registered publishes one event, in one of the batches");
        (await factory.OutboxAsync("EnterpriseUpdated", existing)).Should().ContainSingle();

        var again = await (await client.PostRawAsync("/api/v1/enterprises/import", csv.ToString(), "text/csv")).JsonAsync(HttpStatusCode.OK);

        again["unchanged"]!.GetValue<int>().Should().Be(codes.Count + 1, "the same file again changes nothing");
        again["created"]!.GetValue<int>().Should().Be(0);
        again["updated"]!.GetValue<int>().Should().Be(0);
        (await RegisteredCodesAsync()).Should().HaveCount(codes.Count + 1, "a row that changes nothing publishes nothing");
        (await factory.OutboxAsync("EnterpriseUpdated", existing)).Should().ContainSingle();
    }

    private async Task<List<string>> RegisteredCodesAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        var payloads = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == "EnterpriseRegistered").Select(m => m.Payload).ToListAsync();
        return payloads.Select(p => JsonNode.Parse(p)!["creditCode"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
    }
}
