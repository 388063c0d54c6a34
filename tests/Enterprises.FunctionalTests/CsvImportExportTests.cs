using TestSupport;
using System.Net;
using System.Text;

namespace Enterprises.FunctionalTests;

public class CsvImportExportTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private const string Header = "creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn";
    private readonly HttpClient client = factory.CreateClient();

    private Task<HttpResponseMessage> ImportAsync(string csv, bool? dryRun = null, string contentType = "text/csv") =>
        client.PostRawAsync($"/api/v1/enterprises/import{(dryRun is null ? "" : $"?dryRun={dryRun.Value.ToString().ToLowerInvariant()}")}", csv, contentType);

    [Fact]
    public async Task Good_rows_are_applied_and_bad_rows_reported_by_row_number()
    {
        var existing = await client.CreateEnterpriseAsync("120116", "12Z01", "新一代信息技术");
        var (a, b, dup) = (CreditCodes.New(), CreditCodes.New(), CreditCodes.New());
        var csv = string.Join("\n",
            Header,
            $"{a},天津甲科技有限公司,Tianjin A Tech,120110,,新材料,2018-05-06",
            $"{CreditCodes.WithWrongCheck(CreditCodes.New())},天津乙科技有限公司,,120110,,,2018-05-06",
            $"{existing},天津市海河智能科技有限公司,\"Tianjin Haihe Intelligent Technology Co., Ltd.\",120116,12Z01,生物医药,2015-03-18",
            $"{b},\"天津丙科技有限公司, 滨海\",,120000,,,2019-01-01",
            $"{dup},天津丁科技有限公司,,120118,,,2020-02-02",
            $"{dup},天津丁科技有限公司,,120118,,,2020-02-02",
            $"{CreditCodes.New()},天津戊科技有限公司,,120118,,,20200202",
            $"{CreditCodes.New()},too,few");

        var report = await (await ImportAsync(csv)).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(2);
        report["updated"]!.GetValue<int>().Should().Be(1);
        report["dryRun"]!.GetValue<bool>().Should().BeFalse();
        var rejected = report["rejected"]!.AsArray();
        rejected.Select(r => r!["row"]!.GetValue<int>()).Should().Equal(3, 5, 7, 8, 9);
        rejected.Select(r => r!["code"]!.GetValue<string>()).Should().Equal("validationFailed", "validationFailed", "duplicateRow", "validationFailed", "invalidRow");
        rejected[0]!["message"]!.GetValue<string>().Should().Contain("creditCode").And.Contain("check character");
        rejected[1]!["message"]!.GetValue<string>().Should().Contain("regionCode");
        rejected[2]!["message"]!.GetValue<string>().Should().Contain("row 6");
        (await (await client.GetAsync($"/api/v1/enterprises/{a}")).JsonAsync(HttpStatusCode.OK))["industry"]!.GetValue<string>().Should().Be("新材料");
        (await (await client.GetAsync($"/api/v1/enterprises/{existing}")).JsonAsync(HttpStatusCode.OK))["industry"]!.GetValue<string>().Should().Be("生物医药");
        (await client.GetAsync($"/api/v1/enterprises/{b}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.OutboxAsync("EnterpriseRegistered", a)).Should().ContainSingle();
        (await factory.OutboxAsync("EnterpriseUpdated", existing)).Should().ContainSingle();
    }

    [Fact]
    public async Task Dry_run_reports_the_same_and_writes_nothing()
    {
        var code = CreditCodes.New();
        var csv = $"{Header}\n{code},天津己科技有限公司,,120113,,,2021-07-07\n";
        var outbox = await factory.OutboxCountAsync();

        var report = await (await ImportAsync(csv, dryRun: true)).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(1);
        report["dryRun"]!.GetValue<bool>().Should().BeTrue();
        (await client.GetAsync($"/api/v1/enterprises/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.OutboxCountAsync()).Should().Be(outbox);
        (await (await ImportAsync(csv, dryRun: false)).JsonAsync(HttpStatusCode.OK))["created"]!.GetValue<int>().Should().Be(1);
        (await (await ImportAsync(csv)).JsonAsync(HttpStatusCode.OK))["unchanged"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Export_round_trips_through_import()
    {
        var first = await client.CreateEnterpriseAsync("120104", null, "人工智能");
        var second = await client.CreateEnterpriseAsync("120104", "12Z02", "集成电路");

        var response = await client.GetAsync("/api/v1/enterprises?format=csv&regionCode=120104&sort=creditCode");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "Excel reads a CSV without a byte order mark as GBK on Chinese Windows");
        lines[0].Should().Be("\uFEFF" + Header);
        lines.Should().HaveCount(3);
        lines.Skip(1).Should().Contain(l => l.StartsWith(first) && l.Contains("人工智能") && l.EndsWith("2015-03-18"));
        lines.Skip(1).Should().Contain(l => l.StartsWith(second) && l.Contains("12Z02") && l.Contains("\"Tianjin Haihe Intelligent Technology Co., Ltd.\""));
        var report = await (await ImportAsync(csv)).JsonAsync(HttpStatusCode.OK);
        report["unchanged"]!.GetValue<int>().Should().Be(2);
        report["rejected"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "bodyRequired")]
    [InlineData("   \n  ", HttpStatusCode.BadRequest, "bodyRequired")]
    [InlineData("creditCode,name,colour\nx,y,z", HttpStatusCode.UnprocessableEntity, "validationFailed")]
    [InlineData("91120116MA05XXXX1X,天津,,120116,,,2020-01-01", HttpStatusCode.UnprocessableEntity, "validationFailed")]
    public async Task A_file_without_a_proper_header_is_refused_whole(string csv, HttpStatusCode status, string code)
    {
        var problem = await (await ImportAsync(csv)).ProblemAsync(status, code);

        if (status == HttpStatusCode.UnprocessableEntity)
        {
            problem.ErrorsFor("header").Should().ContainSingle().Which.Should().Contain("creditCode,name,nameEn");
        }
    }

    [Fact]
    public async Task Wrong_content_type_is_415_and_a_file_not_in_utf8_400()
    {
        await (await ImportAsync($"{Header}\n", contentType: "application/json")).ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupportedMediaType");
        var latin1 = new ByteArrayContent([0x63, 0x72, 0xE9, 0x0A]);
        latin1.Headers.ContentType = new("text/csv");
        await (await client.PostAsync("/api/v1/enterprises/import", latin1)).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await client.PostRawAsync("/api/v1/enterprises/import?dryRun=maybe", $"{Header}\n", "text/csv")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    [Fact]
    public async Task A_founding_date_moved_after_existing_reports_or_grants_is_rejected_per_row()
    {
        var reported = await client.CreateEnterpriseAsync("120116", null, foundedOn: "2015-03-18");
        var granted = await client.CreateEnterpriseAsync("120116", null, foundedOn: "2015-03-18");
        var earlier = await client.CreateEnterpriseAsync("120116", null, foundedOn: "2015-03-18");
        await EligibilityApiTests.PutReportAsync(client, reported, 2017, Api.Report());
        await client.GrantAsync(granted, "HighTech", "2018-11-30");
        await client.GrantAsync(earlier, "HighTech", "2018-11-30");
        var csv = string.Join("\n",
            Header,
            $"{reported},天津市海河智能科技有限公司,,120116,,新一代信息技术,2018-01-01",
            $"{granted},天津市海河智能科技有限公司,,120116,,新一代信息技术,2019-01-01",
            $"{earlier},天津市海河智能科技有限公司,,120116,,新一代信息技术,2010-01-01");

        var report = await (await ImportAsync(csv)).JsonAsync(HttpStatusCode.OK);

        report["updated"]!.GetValue<int>().Should().Be(1);
        var rejected = report["rejected"]!.AsArray();
        rejected.Select(r => r!["row"]!.GetValue<int>()).Should().Equal(2, 3);
        rejected.Select(r => r!["code"]!.GetValue<string>()).Should().Equal("validationFailed", "validationFailed");
        rejected[0]!["message"]!.GetValue<string>().Should().Contain("annual report for 2017");
        rejected[1]!["message"]!.GetValue<string>().Should().Contain("2018-11-30");
        (await (await client.GetAsync($"/api/v1/enterprises/{earlier}")).JsonAsync(HttpStatusCode.OK))["foundedOn"]!
            .GetValue<string>().Should().Be("2010-01-01");
        (await (await client.GetAsync($"/api/v1/enterprises/{reported}")).JsonAsync(HttpStatusCode.OK))["foundedOn"]!
            .GetValue<string>().Should().Be("2015-03-18");
    }

    [Fact]
    public async Task A_NUL_character_anywhere_in_the_file_is_400_and_nothing_is_written()
    {
        var code = CreditCodes.New();
        var outbox = await factory.OutboxCountAsync();

        var problem = await (await ImportAsync($"{Header}\n{code},天津\0庚科技有限公司,,120116,,,2020-01-01\n"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem["detail"]!.GetValue<string>().Should().Contain("NUL");
        (await client.GetAsync($"/api/v1/enterprises/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.OutboxCountAsync()).Should().Be(outbox);
    }

    [Fact]
    public async Task Region_scoped_import_rejects_rows_of_other_regions()
    {
        var jinghai = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read enterprises.write", region: "120118"));
        var (own, other) = (CreditCodes.New(), CreditCodes.New());
        var csv = $"{Header}\n{own},静海甲,,120118,,,2020-01-01\n{other},滨海乙,,120116,,,2020-01-01\n";

        var report = await (await jinghai.PostRawAsync("/api/v1/enterprises/import", csv, "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(1);
        var rejected = report["rejected"]!.AsArray().Should().ContainSingle().Subject!;
        rejected["row"]!.GetValue<int>().Should().Be(3);
        rejected["code"]!.GetValue<string>().Should().Be("forbidden");
    }

    [Fact]
    public async Task Export_escapes_cells_a_spreadsheet_would_run_as_formulas_and_the_import_reads_them_back()
    {
        var formula = CreditCodes.New();
        var quoted = CreditCodes.New();
        await (await client.PostJsonAsync("/api/v1/enterprises", new
        {
            creditCode = formula, name = "=HYPERLINK(\"http://x.test\",\"点击\")", nameEn = "+1 Tech", regionCode = "120105",
            industry = "@SUM(A1)", foundedOn = "2016-01-01",
        })).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/api/v1/enterprises", new
        {
            creditCode = quoted, name = "-负号科技有限公司", nameEn = "'=already quoted", regionCode = "120105", industry = "'plain",
            foundedOn = "2016-01-01",
        })).JsonAsync(HttpStatusCode.Created);

        var csv = await (await client.GetAsync("/api/v1/enterprises?format=csv&regionCode=120105")).Content.ReadAsStringAsync();

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(l => l.StartsWith(formula)).Which.Should()
            .Be($"{formula},\"'=HYPERLINK(\"\"http://x.test\"\",\"\"点击\"\")\",\"'+1 Tech\",120105,,\"'@SUM(A1)\",2016-01-01");
        lines.Should().ContainSingle(l => l.StartsWith(quoted)).Which.Should()
            .Be($"{quoted},\"'-负号科技有限公司\",\"''=already quoted\",120105,,'plain,2016-01-01");
        var report = await (await ImportAsync(csv)).JsonAsync(HttpStatusCode.OK);
        report["unchanged"]!.GetValue<int>().Should().Be(2, "every value reads back as it was exported");
        report["rejected"]!.AsArray().Should().BeEmpty();
        var read = await (await client.GetAsync($"/api/v1/enterprises/{quoted}")).JsonAsync(HttpStatusCode.OK);
        read["nameEn"]!.GetValue<string>().Should().Be("'=already quoted");
        read["industry"]!.GetValue<string>().Should().Be("'plain");
    }

    [Fact]
    public async Task The_import_removes_only_an_apostrophe_that_protects_a_formula()
    {
        var code = CreditCodes.New();

        var report = await (await ImportAsync($"{Header}\n{code},'=公式科技有限公司,'Quoted Ltd,120118,,'-,2020-01-01\n")).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(1);
        var stored = await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK);
        stored["name"]!.GetValue<string>().Should().Be("=公式科技有限公司");
        stored["nameEn"]!.GetValue<string>().Should().Be("'Quoted Ltd", "this apostrophe protects nothing, so it is the name's own");
        stored["industry"]!.GetValue<string>().Should().Be("-");
    }

    [Fact]
    public async Task A_file_saved_with_a_byte_order_mark_is_read_from_its_header()
    {
        var code = CreditCodes.New();
        var body = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes($"{Header}\r\n{code},天津辛科技有限公司,,120118,,,2020-01-01\r\n")]);
        body.Headers.ContentType = new("text/csv") { CharSet = "utf-8" };

        var report = await (await client.PostAsync("/api/v1/enterprises/import", body)).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(1);
        report["rejected"]!.AsArray().Should().BeEmpty();
        (await client.GetAsync($"/api/v1/enterprises/{code}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
