using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;

namespace Enterprises.FunctionalTests;

/// <summary>The Enterprises service with a body limit that lets a file of tens of thousands of rows in.</summary>
public sealed class LargeImportFactory : EnterprisesApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RequestLimits:MaxBodyBytes", (16 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>An import larger than SQLite's 32,766 parameters of one statement, with the row rules of a small one.</summary>
public class LargeImportTests(LargeImportFactory factory) : IClassFixture<LargeImportFactory>
{
    private const int Rows = 33_000;
    // HttpClient gives up after 100 s by default: on a busy machine the other test classes share, the import may take longer.
    private readonly HttpClient client = CreateClient(factory);

    private static HttpClient CreateClient(LargeImportFactory factory)
    {
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        return client;
    }

    [Fact]
    public async Task A_file_of_33000_rows_imports_with_every_row_judged_as_in_a_small_one()
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

        var report = await (await client.PostRawAsync("/api/v1/enterprises/import", csv.ToString(), "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(codes.Count);
        report["updated"]!.GetValue<int>().Should().Be(1, "the enterprise on the register changed industry");
        var rejected = report["rejected"]!.AsArray();
        rejected.Select(r => r!["row"]!.GetValue<int>()).Should().Equal(dataRows - 1, dataRows);
        rejected[0]!["code"]!.GetValue<string>().Should().Be("duplicateRow");
        rejected[1]!["message"]!.GetValue<string>().Should().Contain("creditCode");
        var listed = await (await client.GetAsync("/api/v1/enterprises?regionCode=120118&pageSize=1&count=true")).JsonAsync(HttpStatusCode.OK);
        listed["totalCount"]!.GetValue<int>().Should().Be(codes.Count);
        (await factory.OutboxAsync("EnterpriseRegistered", last)).Should().ContainSingle("each row's command publishes its event");
    }
}
