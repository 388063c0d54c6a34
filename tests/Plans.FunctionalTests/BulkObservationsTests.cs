using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>
/// The statistics bureau's bulk figures: a CSV import through the same command as a single figure (dry run,
/// per-row report, idempotent by indicator, year and source) and the CSV export of a plan's figures.
/// </summary>
public class BulkObservationsTests(SeededPlansApiFactory factory) : IClassFixture<SeededPlansApiFactory>
{
    private const string Dongli = ResponsibleUnitsTests.Dongli;
    private const string Import = $"/api/v1/plans/{Dongli}/observations/import";
    private readonly HttpClient admin = factory.CreateClient();

    private const string Bulletin =
        "indicator,year,value,source,note\n" +
        "T1-10,2021,1.1,2021年东丽区统计公报,\n" +
        "T1-11,2021,0.55,2021年东丽区统计公报,\n" +
        "T1-12,2021,0.2,2021年东丽区统计公报,服务业口径\n";

    private Task<HttpResponseMessage> PostCsv(string url, string csv, string mediaType = "text/csv") =>
        admin.PostAsync(url, new StringContent(csv, Encoding.UTF8, mediaType));

    private async Task<int> FiguresOf(string indicator) =>
        (await (await admin.GetAsync($"/api/v1/plans/{Dongli}/indicators/{indicator}/observations")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Count;

    private static void ShouldReport(JsonNode report, int created, int updated, int unchanged)
    {
        report["created"]!.GetValue<int>().Should().Be(created);
        report["updated"]!.GetValue<int>().Should().Be(updated);
        report["unchanged"]!.GetValue<int>().Should().Be(unchanged);
    }

    [Fact]
    public async Task A_dry_run_reports_every_row_and_writes_nothing()
    {
        var csv = "indicator,year,value,source\nT1-08,2021,1,统计年鉴\nT1-09,2021,0,统计年鉴\nS-01,2021,60,统计年鉴\nS-02,2021,20,统计年鉴\nS-09,2021,5,统计年鉴\n";
        var report = await (await PostCsv($"{Import}?dryRun=true", csv)).JsonAsync(HttpStatusCode.OK);

        report["dryRun"]!.GetValue<bool>().Should().BeTrue();
        report["rejected"]!.AsArray().Should().HaveCount(1, report.ToJsonString());
        ShouldReport(report, created: 4, updated: 0, unchanged: 0);
        report["rejected"]!.AsArray().Single()!["code"]!.GetValue<string>().Should().Be("notFound");
        foreach (var indicator in new[] { "T1-08", "T1-09", "S-01", "S-02" })
        {
            (await FiguresOf(indicator)).Should().Be(0, $"a dry run stores no figure of {indicator}");
        }
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_changes_nothing_and_a_new_value_from_the_same_source_corrects()
    {
        var first = await (await PostCsv(Import, Bulletin)).JsonAsync(HttpStatusCode.OK);
        ShouldReport(first, created: 3, updated: 0, unchanged: 0);
        var second = await (await PostCsv(Import, Bulletin)).JsonAsync(HttpStatusCode.OK);
        ShouldReport(second, created: 0, updated: 0, unchanged: 3);
        (await FiguresOf("T1-10")).Should().Be(1);

        var corrected = await (await PostCsv(Import, Bulletin.Replace("T1-10,2021,1.1", "T1-10,2021,1.15", StringComparison.Ordinal)))
            .JsonAsync(HttpStatusCode.OK);
        ShouldReport(corrected, created: 0, updated: 1, unchanged: 2);
        var figures = (await (await admin.GetAsync($"/api/v1/plans/{Dongli}/indicators/T1-10/observations")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
        figures.Select(f => f!["value"]!.GetValue<decimal>()).Should().Equal(1.1m, 1.15m);
        figures.Should().OnlyContain(f => f!["source"]!.GetValue<string>() == "2021年东丽区统计公报" && f["status"]!.GetValue<string>() == "draft");

        // Another source's figure for the same year is a figure of its own.
        var other = await (await PostCsv(Import, "indicator,year,value,source\nT1-10,2021,1.1,区工信局年报\n")).JsonAsync(HttpStatusCode.OK);
        ShouldReport(other, created: 1, updated: 0, unchanged: 0);
    }

    [Fact]
    public async Task Each_bad_row_is_reported_with_the_code_a_single_figure_gets_and_the_good_rows_are_recorded()
    {
        var csv = "indicator,year,value,source\n" +
            "T1-01,2021,3.0,统计公报\n" +      // row 2: good
            "T9-99,2021,1,统计公报\n" +        // row 3: no such indicator
            "T1-02,2023,0.21,统计公报\n" +     // row 4: after the plan's period (2020–2022)
            "T1-02,2019,0.17,统计公报\n" +     // row 5: before the baseline (2020)
            "T1-03,2021,abc,统计公报\n" +      // row 6: not a number
            "T1-01,2021,3.1,统计公报\n" +      // row 7: the same indicator, year and source as row 2
            ",2021,1,统计公报\n" +             // row 8: no indicator
            "T1-04,2021\n";                    // row 9: too few fields
        var report = await (await PostCsv(Import, csv)).JsonAsync(HttpStatusCode.OK);

        ShouldReport(report, created: 1, updated: 0, unchanged: 0);
        var rejected = report["rejected"]!.AsArray().ToDictionary(r => r!["row"]!.GetValue<int>(), r => r!);
        rejected.Keys.Should().Equal(3, 4, 5, 6, 7, 8, 9);
        rejected[3]["code"]!.GetValue<string>().Should().Be("notFound");
        rejected[3]["message"]!.GetValue<string>().Should().Contain("T9-99");
        rejected[4]["code"]!.GetValue<string>().Should().Be("validationFailed");
        rejected[4]["message"]!.GetValue<string>().Should().Contain("2020 to 2022");
        rejected[5]["code"]!.GetValue<string>().Should().Be("validationFailed");
        rejected[6]["message"]!.GetValue<string>().Should().Contain("value");
        rejected[7]["code"]!.GetValue<string>().Should().Be("duplicateRow");
        rejected[8]["message"]!.GetValue<string>().Should().Contain("indicator");
        rejected[9]["code"]!.GetValue<string>().Should().Be("invalidRow");
        (await FiguresOf("T1-01")).Should().Be(1);
        (await FiguresOf("T1-02")).Should().Be(0);
    }

    [Fact]
    public async Task A_single_figure_outside_the_period_is_refused_too()
    {
        var refused = await (await admin.PostJsonAsync($"/api/v1/plans/{Dongli}/indicators/T1-05/observations", new { year = 2023, value = 22 }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        refused.ErrorsFor("year").Single().Should().Contain("2020 to 2022");
    }

    [Fact]
    public async Task A_row_for_a_locked_year_is_refused_and_a_unit_imports_only_its_own_indicators()
    {
        var entered = await (await admin.PostJsonAsync($"/api/v1/plans/{Dongli}/indicators/T1-07/observations",
            new { year = 2021, value = 55, source = "区科技局" })).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/plans/{Dongli}/indicators/T1-07/observations/{entered["id"]}";
        await (await admin.PostAsync($"{url}/submit", null)).JsonAsync(HttpStatusCode.OK);
        var owner = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: "120110", clientId: "dongli-owner"));
        await (await owner.PostAsync($"{url}/approve", null)).JsonAsync(HttpStatusCode.OK);

        var locked = await (await PostCsv(Import, "indicator,year,value,source\nT1-07,2021,56,统计公报\n")).JsonAsync(HttpStatusCode.OK);
        locked["rejected"]!.AsArray().Single()!["code"]!.GetValue<string>().Should().Be("figureLocked");

        var industry = ResponsibleUnitsTests.UnitClient(factory, "区工信局");
        var report = await (await industry.PostAsync(Import, new StringContent(
            "indicator,year,value,source\nT1-11,2022,0.6,区工信局\nT1-06,2022,18,区工信局\n", Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);
        ShouldReport(report, created: 1, updated: 0, unchanged: 0);
        report["rejected"]!.AsArray().Single()!["code"]!.GetValue<string>().Should().Be("forbidden");
    }

    [Fact]
    public async Task The_export_gives_the_current_figure_of_each_indicator_and_year_and_imports_back_unchanged()
    {
        await PostCsv(Import, "indicator,year,value,source\nT1-13,2021,0,统计公报\nT1-13,2022,1,统计公报\n");
        await PostCsv(Import, "indicator,year,value,source\nT1-13,2022,2,统计公报\n");

        var export = await admin.GetAsync($"/api/v1/plans/{Dongli}/observations");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var text = await export.Content.ReadAsStringAsync();
        var lines = text.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().Be("indicator,year,value,source,note,status,recordedAt");
        var t13 = lines.Where(l => l.StartsWith("T1-13,", StringComparison.Ordinal)).ToList();
        t13.Should().HaveCount(2);
        t13[1].Should().StartWith("T1-13,2022,2,统计公报,,draft,", "the later figure of 2022 is the current one");

        var again = await (await PostCsv(Import, text)).JsonAsync(HttpStatusCode.OK);
        again["created"]!.GetValue<int>().Should().Be(0);
        again["updated"]!.GetValue<int>().Should().Be(0);
        again["rejected"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_refused_whole()
    {
        await (await PostCsv(Import, Bulletin, "application/json")).ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupportedMediaType");
        await (await PostCsv(Import, "   ")).ProblemAsync(HttpStatusCode.BadRequest, "bodyRequired");
        var header = await (await PostCsv(Import, "indicator,year,amount\nT1-01,2021,3\n")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        header.ErrorsFor("header").Single().Should().Contain("amount");
        await (await PostCsv("/api/v1/plans/NO-SUCH-PLAN/observations/import", Bulletin)).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await factory.ClientWith(null).PostAsync(Import, new StringContent(Bulletin, Encoding.UTF8, "text/csv")))
            .ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
