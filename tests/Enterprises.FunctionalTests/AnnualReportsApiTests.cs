using TestSupport;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Enterprises.FunctionalTests;

public class AnnualReportsApiTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private Task<HttpResponseMessage> PutAsync(string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return client.SendAsync(request);
    }

    [Fact]
    public async Task Put_creates_then_replaces_and_lists_newest_first()
    {
        var code = await client.CreateEnterpriseAsync();
        var url = $"/api/v1/enterprises/{code}/annual-reports";

        var created = await PutAsync($"{url}/2024", Api.Report());
        var replaced = await PutAsync($"{url}/2024", Api.Report(revenueWan: 13000.5m), created.ETag());
        await (await PutAsync($"{url}/2025", Api.Report())).JsonAsync(HttpStatusCode.Created);

        (await created.JsonAsync(HttpStatusCode.Created))["revenueWan"]!.GetValue<decimal>().Should().Be(12000m);
        created.Headers.Location!.ToString().Should().Be($"{url}/2024");
        (await replaced.JsonAsync(HttpStatusCode.OK))["revenueWan"]!.GetValue<decimal>().Should().Be(13000.5m);
        replaced.ETag().Should().Be("\"2\"");
        var read = await client.GetAsync($"{url}/2024");
        (await read.JsonAsync(HttpStatusCode.OK))["rdExpenseWan"]!.GetValue<decimal>().Should().Be(860.5m);
        read.ETag().Should().Be("\"2\"");
        var list = await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        list["items"]!.AsArray().Select(i => i!["year"]!.GetValue<int>()).Should().Equal(2025, 2024);
    }

    [Fact]
    public async Task Filing_publishes_AnnualReportFiled_and_a_replacement_only_when_the_revenue_changes()
    {
        var code = await client.CreateEnterpriseAsync("120116", "12Z01");
        var url = $"/api/v1/enterprises/{code}/annual-reports/2025";

        await (await PutAsync(url, Api.Report(revenueWan: 1_000_000.5m))).JsonAsync(HttpStatusCode.Created);
        await (await PutAsync(url, Api.Report(revenueWan: 1_000_000.50m, employees: 200))).JsonAsync(HttpStatusCode.OK);
        await (await PutAsync(url, Api.Report(revenueWan: 1_000_000.50m, employees: 200))).JsonAsync(HttpStatusCode.OK);
        await (await PutAsync(url, Api.Report(revenueWan: 1_200_000m))).JsonAsync(HttpStatusCode.OK);

        var filed = await factory.OutboxAsync("AnnualReportFiled", code);
        filed.Select(p => p!["revenueWan"]!.GetValue<decimal>()).Should().Equal(1_000_000.5m, 1_200_000m);
        filed[0]!["year"]!.GetValue<int>().Should().Be(2025);
        filed[0]!["regionCode"]!.GetValue<string>().Should().Be("120116");
        filed[0]!["zoneCode"]!.GetValue<string>().Should().Be("12Z01");
        filed[0]!["id"]!.GetValue<Guid>().Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_refused_report_publishes_nothing()
    {
        var code = await client.CreateEnterpriseAsync();
        var url = $"/api/v1/enterprises/{code}/annual-reports/2025";
        await (await PutAsync(url, Api.Report())).JsonAsync(HttpStatusCode.Created);

        await (await PutAsync(url, Api.Report(revenueWan: 99m, highTechRevenueWan: 0m), "\"9\"")).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
        await (await PutAsync($"/api/v1/enterprises/{code}/annual-reports/2027", Api.Report())).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        (await factory.OutboxAsync("AnnualReportFiled", code)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_changes_nothing()
    {
        var code = await client.CreateEnterpriseAsync();
        var url = $"/api/v1/enterprises/{code}/annual-reports/2023";
        await (await PutAsync(url, Api.Report())).JsonAsync(HttpStatusCode.Created);
        await (await PutAsync(url, Api.Report(revenueWan: 1m, highTechRevenueWan: 0m), "\"1\"")).JsonAsync(HttpStatusCode.OK);

        await (await PutAsync(url, Api.Report(revenueWan: 2m, highTechRevenueWan: 0m), "\"1\"")).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");
        await (await PutAsync($"/api/v1/enterprises/{code}/annual-reports/2022", Api.Report(), "\"1\"")).ProblemAsync(HttpStatusCode.PreconditionFailed, "preconditionFailed");

        (await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK))["revenueWan"]!.GetValue<decimal>().Should().Be(1m);
        (await client.GetAsync($"/api/v1/enterprises/{code}/annual-reports/2022")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Figures_must_be_consistent()
    {
        var code = await client.CreateEnterpriseAsync();
        var body = new
        {
            revenueWan = 100m, rdExpenseWan = -1m, highTechRevenueWan = 200m, employees = 10, rdStaff = 11,
            inventionPatents = 0, class1Ip = 0, class2Ip = 0, totalAssetsWan = 1.12345m,
        };

        var problem = await (await PutAsync($"/api/v1/enterprises/{code}/annual-reports/2024", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("rdExpenseWan").Should().NotBeEmpty();
        problem.ErrorsFor("highTechRevenueWan").Should().ContainSingle().Which.Should().Contain("revenueWan");
        problem.ErrorsFor("rdStaff").Should().ContainSingle().Which.Should().Contain("employees");
        problem.ErrorsFor("totalAssetsWan").Should().NotBeEmpty();
        var missing = await (await PutAsync($"/api/v1/enterprises/{code}/annual-reports/2024", new { revenueWan = 1m })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        missing.ErrorsFor("employees").Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(2014, "before the enterprise was founded")]
    [InlineData(2027, "has not begun")]
    public async Task Year_lies_between_founding_and_now(int year, string message)
    {
        var code = await client.CreateEnterpriseAsync(foundedOn: "2015-03-18");

        var problem = await (await PutAsync($"/api/v1/enterprises/{code}/annual-reports/{year}", Api.Report())).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("year").Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public async Task Unknown_enterprise_or_year_is_404_and_a_bad_year_400()
    {
        await (await PutAsync($"/api/v1/enterprises/{CreditCodes.New()}/annual-reports/2024", Api.Report())).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        var code = await client.CreateEnterpriseAsync();
        await (await client.GetAsync($"/api/v1/enterprises/{code}/annual-reports/2020")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        (await client.GetAsync($"/api/v1/enterprises/{code}/annual-reports/abc")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Region_scoped_clients_report_only_for_their_region()
    {
        var code = await client.CreateEnterpriseAsync("120116", null);
        var jinghai = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read enterprises.write", region: "120118"));

        var response = await jinghai.PutAsJsonAsync($"/api/v1/enterprises/{code}/annual-reports/2024", Api.Report());

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
