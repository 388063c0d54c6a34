using System.Net;

namespace Plans.FunctionalTests;

/// <summary>The annual monitoring report of a seeded plan, as JSON, as a printable page and as CSV.</summary>
public class AnnualReportTests(SeededPlansApiFactory factory) : IClassFixture<SeededPlansApiFactory>
{
    private const string Municipal = "TJ-STI-14FYP";
    private readonly HttpClient admin = factory.CreateClient();

    [Fact]
    public async Task The_report_names_each_indicator_with_its_approved_actual_and_each_task()
    {
        var entered = await (await admin.PostJsonAsync($"/api/v1/plans/{Municipal}/indicators/T1-05/observations",
            new { year = 2021, value = 9200, source = "市科技局" })).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/plans/{Municipal}/indicators/T1-05/observations/{entered["id"]}";
        await (await admin.PostAsync($"{url}/submit", null)).JsonAsync(HttpStatusCode.OK);
        var owner = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", clientId: "municipal-sti-bureau"));
        await (await owner.PostAsync($"{url}/approve", null)).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/api/v1/plans/{Municipal}/indicators/T1-01/observations", new { year = 2021, value = 3.6 }))
            .JsonAsync(HttpStatusCode.Created);

        var report = await (await admin.GetAsync($"/api/v1/plans/{Municipal}/reports/2021")).JsonAsync(HttpStatusCode.OK);

        report["title"]!.GetValue<string>().Should().Contain("十四五");
        report["asOf"]!.GetValue<string>().Should().Be("2021-12-31");
        var indicators = report["indicators"]!.AsArray();
        var hightech = indicators.Single(i => i!["code"]!.GetValue<string>() == "T1-05")!;
        hightech["target"]!["value"]!.GetValue<decimal>().Should().Be(11600);
        hightech["actual"]!["value"]!.GetValue<decimal>().Should().Be(9200);
        hightech["source"]!.GetValue<string>().Should().Be("manual");
        indicators.Single(i => i!["code"]!.GetValue<string>() == "T1-01")!["actual"].Should().BeNull("a draft figure is not in the report");
        report["tasks"]!.AsArray().Should().NotBeEmpty();

        var page = await admin.GetAsync($"/api/v1/plans/{Municipal}/reports/2021?format=html");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("2021年度监测报告").And.Contain(report["title"]!.GetValue<string>()).And.Contain("9200（2021）");
        html.Should().NotContain("<script");

        var csv = await admin.GetAsync($"/api/v1/plans/{Municipal}/reports/2021?format=csv");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].TrimEnd('\r').Should().Be("kind,code,name,unit,target,actualYear,actual,progressPercent,status,source,progressNote");
        lines.Should().Contain(l => l.StartsWith("indicator,T1-05,", StringComparison.Ordinal) && l.Contains(",2021,9200,", StringComparison.Ordinal));
        lines.Count(l => l.StartsWith("task,", StringComparison.Ordinal)).Should().Be(report["tasks"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_year_outside_the_period_or_an_unknown_format_is_refused()
    {
        (await (await admin.GetAsync($"/api/v1/plans/{Municipal}/reports/2026")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("year").Single().Should().Contain("2021 to 2025");
        await (await admin.GetAsync($"/api/v1/plans/{Municipal}/reports/2021?format=pdf")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await admin.GetAsync("/api/v1/plans/NO-SUCH-PLAN/reports/2021")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }
}
