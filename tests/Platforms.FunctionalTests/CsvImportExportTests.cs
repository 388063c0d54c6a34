using System.Net;
using System.Text;

namespace Platforms.FunctionalTests;

public class CsvImportExportTests(PlatformsApiFactory factory) : IClassFixture<PlatformsApiFactory>
{
    private const string Header =
        "id,name,nameEn,type,level,designations,regionCode,zoneCode,abroadCountry,abroadCity,hostCreditCode,hostName,hostKind,field,approvedOn,documentNumber,status";
    private readonly HttpClient client = factory.CreateClient();

    private Task<HttpResponseMessage> ImportAsync(string csv, bool? dryRun = null, string contentType = "text/csv") =>
        client.PostRawAsync($"/api/v1/platforms/import{(dryRun is null ? "" : $"?dryRun={dryRun.Value.ToString().ToLowerInvariant()}")}", csv, contentType);

    [Fact]
    public async Task Good_rows_are_applied_through_the_commands_and_bad_rows_reported_by_row_number()
    {
        var host = factory.Enterprise("天津市宝坻中试科技有限公司", "120115");
        var existing = await client.AccreditAsync(Api.Platform("PilotBase", "district", "120115", name: Api.UniqueName("宝坻中试基地")));
        var (a, b, dup) = (Api.UniqueName("宝坻众创空间"), Api.UniqueName("宝坻孵化器"), Api.UniqueName("宝坻星创天地"));
        var csv = string.Join("\n",
            Header,
            $",{a},,MakerSpace,district,specialized,120115,,,,,宝坻职业技术学院,university,农业,2025-04-01,宝科〔2025〕1号,",
            $",{b},,Incubator,municipal,,120115,,,,{host},,,电子信息,2024-09-09,,underConstruction",
            $"{existing["id"]},{existing["name"]},,PilotBase,district,,120115,,,,,天津大学,university,新能源,2024-05-20,,active",
            $",{dup},,StarInnovationStation,national,,120115,,,,,天津农学院,university,农业,2023-01-01,,",
            $",{dup},,StarInnovationStation,national,,120115,,,,,天津农学院,university,农业,2023-01-01,,",
            $",宝坻海河实验室,,HaiheLab,district,,120115,,,,,天津大学,university,,2023-01-01,,",
            $",宝坻某孵化器,,Incubator,municipal,,120115,,,,{CreditCodes.New()},,,,2023-01-01,,",
            $",宝坻某园区,,AgriculturalSciencePark,district,,120115,,,,,宝坻区农委,institute,,20230101,,",
            $"{existing["id"]},{existing["name"]},,PilotBase,district,,120115,,,,,天津大学,university,新能源,2024-05-20,,suspended",
            $"{Guid.NewGuid()},宝坻不存在,,PilotBase,district,,120115,,,,,天津大学,university,,2024-05-20,,",
            $",too,few");

        var report = await (await ImportAsync(csv)).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(3);
        report["updated"]!.GetValue<int>().Should().Be(1);
        var rejected = report["rejected"]!.AsArray();
        rejected.Select(r => r!["row"]!.GetValue<int>()).Should().Equal(6, 7, 8, 9, 10, 11, 12);
        rejected.Select(r => r!["code"]!.GetValue<string>()).Should().Equal(
            "duplicateRow", "validationFailed", "validationFailed", "validationFailed", "duplicateRow", "notFound", "invalidRow");
        rejected[1]!["message"]!.GetValue<string>().Should().Contain("level");
        rejected[2]!["message"]!.GetValue<string>().Should().Contain("hostCreditCode").And.Contain("not on the enterprise register");
        rejected[3]!["message"]!.GetValue<string>().Should().Contain("approvedOn");
        var listed = await (await client.GetAsync("/api/v1/platforms?regionCode=120115&pageSize=500")).JsonAsync(HttpStatusCode.OK);
        var byName = listed["items"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>());
        byName[a]!["designations"]!.AsArray().Single()!.GetValue<string>().Should().Be("specialized");
        byName[b]!["status"]!.GetValue<string>().Should().Be("underConstruction");
        byName[b]!["hostName"]!.GetValue<string>().Should().Be("天津市宝坻中试科技有限公司");
        byName[existing["name"]!.GetValue<string>()]!["field"]!.GetValue<string>().Should().Be("新能源");
        (await factory.OutboxAsync("PlatformUpdated", existing["id"]!.GetValue<string>())).Should().ContainSingle();
    }

    [Fact]
    public async Task A_status_other_than_the_platform_s_is_refused_by_row_pointing_at_the_status_endpoint()
    {
        var existing = await client.AccreditAsync(Api.Platform("PilotBase", "district", "120113"));

        var report = await (await ImportAsync($"{Header}\n{existing["id"]},{existing["name"]},,PilotBase,district,,120113,,,,,天津大学,university,,2024-05-20,,revoked"))
            .JsonAsync(HttpStatusCode.OK);

        var rejection = report["rejected"]!.AsArray().Single()!;
        rejection["code"]!.GetValue<string>().Should().Be("validationFailed");
        rejection["message"]!.GetValue<string>().Should().Contain("/status");
    }

    [Fact]
    public async Task Dry_run_reports_the_same_and_writes_nothing()
    {
        var name = Api.UniqueName("东丽概念验证中心");
        var csv = $"{Header}\n,{name},,ConceptVerificationCenter,municipal,,120110,,,,,中国民航大学,university,航空,2025-10-10,,\n";
        var outbox = await factory.OutboxCountAsync();

        var report = await (await ImportAsync(csv, dryRun: true)).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(1);
        report["dryRun"]!.GetValue<bool>().Should().BeTrue();
        (await (await client.GetAsync($"/api/v1/platforms?count=true&q={Uri.EscapeDataString(name)}")).JsonAsync(HttpStatusCode.OK))["totalCount"]!
            .GetValue<int>().Should().Be(0);
        (await factory.OutboxCountAsync()).Should().Be(outbox);
        (await (await ImportAsync(csv, dryRun: false)).JsonAsync(HttpStatusCode.OK))["created"]!.GetValue<int>().Should().Be(1);
        (await (await ImportAsync(csv)).JsonAsync(HttpStatusCode.OK))["unchanged"]!.GetValue<int>().Should().Be(1, "a row names its platform by type and name");
    }

    [Fact]
    public async Task Export_writes_a_byte_order_mark_protects_formula_cells_and_round_trips_through_import()
    {
        var host = factory.Enterprise(regionCode: "120117");
        var first = await client.AccreditAsync(Api.Platform("AcademicianWorkstation", "municipal", "120117", name: "=HYPERLINK(\"http://x\")院士工作站")
            .With("field", "-生物医药"));
        var second = await client.AccreditAsync(Api.Platform("AgriculturalSciencePark", "national", "120117").HostedBy(host)
            .With("designations", new[] { "demonstration" }).With("nameEn", "Ninghe Agricultural Park, Tianjin"));

        var response = await client.GetAsync("/api/v1/platforms?format=csv&regionCode=120117&sort=name");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "Excel reads a CSV without a byte order mark as GBK on Chinese Windows");
        lines[0].Should().Be("\uFEFF" + Header);
        lines.Should().HaveCount(3);
        lines.Should().Contain(l => l.StartsWith(first["id"]!.GetValue<string>()) && l.Contains("\"'=HYPERLINK(\"\"http://x\"\")院士工作站\"")
            && l.Contains("\"'-生物医药\""));
        lines.Should().Contain(l => l.StartsWith(second["id"]!.GetValue<string>()) && l.Contains($",{host},,,") && l.Contains(",demonstration,")
            && l.Contains("\"Ninghe Agricultural Park, Tianjin\""));
        var report = await (await ImportAsync(csv)).JsonAsync(HttpStatusCode.OK);
        report["unchanged"]!.GetValue<int>().Should().Be(2);
        report["rejected"]!.AsArray().Should().BeEmpty();
        (await (await client.GetAsync($"/api/v1/platforms/{first["id"]}")).JsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>()
            .Should().Be("=HYPERLINK(\"http://x\")院士工作站");
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "bodyRequired")]
    [InlineData("name,type,colour\nx,y,z", HttpStatusCode.UnprocessableEntity, "validationFailed")]
    [InlineData(",某平台,,Incubator,national,,120118,,,,,天津大学,university,,2024-01-01,,", HttpStatusCode.UnprocessableEntity, "validationFailed")]
    public async Task A_file_without_a_proper_header_is_refused_whole(string csv, HttpStatusCode status, string code)
    {
        var problem = await (await ImportAsync(csv)).ProblemAsync(status, code);

        if (status == HttpStatusCode.UnprocessableEntity)
        {
            problem.ErrorsFor("header").Should().ContainSingle().Which.Should().Contain("id,name,nameEn,type");
        }
    }

    [Fact]
    public async Task Wrong_content_type_is_415_an_oversized_file_413_and_bytes_that_are_not_utf8_400()
    {
        await (await ImportAsync($"{Header}\n", contentType: "application/json")).ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupportedMediaType");
        await (await ImportAsync(Header + "\n" + new string('x', 1024 * 1024 + 10))).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payloadTooLarge");
        var latin1 = new ByteArrayContent([0x6E, 0x61, 0x6D, 0xE9, 0x0A]);
        latin1.Headers.ContentType = new("text/csv");
        await (await client.PostAsync("/api/v1/platforms/import", latin1)).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await client.PostRawAsync("/api/v1/platforms/import?dryRun=maybe", $"{Header}\n", "text/csv")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    [Fact]
    public async Task A_caller_confined_to_a_district_imports_only_its_rows()
    {
        var dongli = factory.ClientWith(PlatformsApiFactory.Issuer.Token("platforms.read platforms.write", region: "120110"));
        var csv = string.Join("\n", Header,
            $",{Api.UniqueName()},,PilotBase,district,,120110,,,,,中国民航大学,university,,2024-01-01,,",
            $",{Api.UniqueName()},,PilotBase,district,,120118,,,,,天津大学,university,,2024-01-01,,");

        var report = await (await dongli.PostRawAsync("/api/v1/platforms/import", csv, "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(1);
        report["rejected"]!.AsArray().Single()!["code"]!.GetValue<string>().Should().Be("forbidden");
    }
}
