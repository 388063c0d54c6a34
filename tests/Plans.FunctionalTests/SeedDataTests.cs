using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>The five source plans as a fresh system holds them, checked against the documents.</summary>
public class SeedDataTests(SeededPlansApiFactory factory) : IClassFixture<SeededPlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("TJ-STI-14FYP", 12, 145)]
    [InlineData("JH-STI-14FYP", 10, 48)]
    [InlineData("DL-STI-AP-2020-2022", 17, 28)]
    [InlineData("BHTZ-14FYP", 52, 35)]
    [InlineData("BD-STI-14FYP", 11, 22)]
    public async Task Each_plan_is_published_with_every_indicator_and_task(string plan, int indicators, int tasks)
    {
        var read = await (await client.GetAsync($"/api/v1/plans/{plan}")).JsonAsync(HttpStatusCode.OK);
        var indicatorList = await (await client.GetAsync($"/api/v1/plans/{plan}/indicators?pageSize=500&count=true")).JsonAsync(HttpStatusCode.OK);
        var taskList = await (await client.GetAsync($"/api/v1/plans/{plan}/tasks?pageSize=500&count=true")).JsonAsync(HttpStatusCode.OK);

        read["status"]!.GetValue<string>().Should().Be("published");
        indicatorList["totalCount"]!.GetValue<int>().Should().Be(indicators);
        taskList["totalCount"]!.GetValue<int>().Should().Be(tasks);
    }

    [Fact]
    public async Task The_municipal_plan_counts_7420_high_tech_enterprises_in_2020_and_targets_11600_by_2025()
    {
        var plan = await (await client.GetAsync("/api/v1/plans/TJ-STI-14FYP")).JsonAsync(HttpStatusCode.OK);
        var indicator = await IndicatorAsync("TJ-STI-14FYP", "T1-05");

        plan["title"]!.GetValue<string>().Should().Be("天津市科技创新“十四五”规划");
        plan["issuedOn"]!.GetValue<string>().Should().Be("2021-08-08");
        plan["parentPlanTitle"]!.GetValue<string>().Should().Be("天津市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要");
        indicator["name"]!.GetValue<string>().Should().Be("国家高新技术企业总量");
        indicator["baseline"]!["year"]!.GetValue<int>().Should().Be(2020);
        indicator["baseline"]!["value"]!.GetValue<decimal>().Should().Be(7420);
        indicator["targets"]![0]!["year"]!.GetValue<int>().Should().Be(2025);
        indicator["targets"]![0]!["value"]!.GetValue<decimal>().Should().Be(11600);
        indicator["metric"]!.GetValue<string>().Should().Be("enterprises.qualified.HighTech");
        indicator.ToJsonString().Should().Contain("\"value\":7420,").And.NotContain("7420.0", "figures read as the document prints them");
    }

    [Theory]
    [InlineData("TJ-STI-14FYP", "T1-10", "platforms.active.UniversitySciencePark.municipalOrAbove")]
    [InlineData("JH-STI-14FYP", "T1-10", "platforms.active.KeyLab.municipal.designated.enterprise")]
    [InlineData("JH-STI-14FYP", "T1-11", "platforms.active.Incubator+MakerSpace")]
    [InlineData("JH-STI-14FYP", "T1-12", "platforms.active.UniversitySciencePark.municipalOrAbove")]
    [InlineData("JH-STI-14FYP", "S-01", "platforms.tenants.active")]
    [InlineData("DL-STI-AP-2020-2022", "T1-08", "platforms.accredited.UniversitySciencePark.municipal")]
    [InlineData("DL-STI-AP-2020-2022", "T1-09", "platforms.active.UniversitySciencePark.national")]
    [InlineData("BHTZ-14FYP", "T1-21.1", "platforms.active.Incubator.national")]
    [InlineData("BHTZ-14FYP", "T1-21.2", "platforms.active.MakerSpace.national")]
    [InlineData("BHTZ-14FYP", "T1-21.3", "platforms.active.MakerSpace.designated.specialized")]
    [InlineData("BHTZ-14FYP", "T1-22", "platforms.active.KeyLab+EngineeringCenter+EnterpriseTechCenter+TechInnovationCenter.national")]
    [InlineData("BHTZ-14FYP", "T1-23", "platforms.active.IndustryTechInstitute.municipal")]
    [InlineData("BHTZ-14FYP", "T1-35", "platforms.active.all.abroad")]
    [InlineData("BHTZ-14FYP", "S-03", "platforms.active.Incubator+MakerSpace.national")]
    [InlineData("BD-STI-14FYP", "S-07", "platforms.active.MakerSpace")]
    [InlineData("BD-STI-14FYP", "S-08", "platforms.accredited.StarInnovationStation.national")]
    [InlineData("BD-STI-14FYP", "S-09", "platforms.accredited.Incubator.national")]
    [InlineData("BD-STI-14FYP", "S-10", "platforms.active.AgriculturalSciencePark.district")]
    public async Task Every_platform_count_of_the_plans_is_bound_to_the_platform_metric_its_wording_names(string plan, string code, string metric)
    {
        var indicator = await IndicatorAsync(plan, code);

        indicator["metric"]!.GetValue<string>().Should().Be(metric);
        (await client.ProgressOfAsync(plan, code))["metricStatus"]!.GetValue<string>().Should().NotBe("unbound");
    }

    [Fact]
    public async Task A_target_equal_to_its_baseline_is_flagged()
    {
        var indicator = await IndicatorAsync("TJ-STI-14FYP", "T1-11");

        indicator["baseline"]!["value"]!.GetValue<decimal>().Should().Be(0.08m);
        indicator["targets"]![0]!["value"]!.GetValue<decimal>().Should().Be(0.08m);
        FlagCodes(indicator).Should().Contain("targetNotAboveBaseline");
    }

    [Fact]
    public async Task Jinghai_cells_holding_an_increment_keep_the_raw_cell_and_a_derived_cumulative_target()
    {
        var eagles = await IndicatorAsync("JH-STI-14FYP", "T1-06");
        var gazelles = await IndicatorAsync("JH-STI-14FYP", "T1-07");

        eagles["baseline"]!["value"]!.GetValue<decimal>().Should().Be(84);
        var target = eagles["targets"]![0]!;
        target["value"]!.GetValue<decimal>().Should().Be(336);
        target["derived"]!.GetValue<bool>().Should().BeTrue();
        target["raw"]!.GetValue<string>().Should().Contain("252");
        FlagCodes(eagles).Should().Contain("incrementInTargetCell");
        gazelles["targets"]![0]!["value"]!.GetValue<decimal>().Should().Be(109);
        FlagCodes(gazelles).Should().Contain(["incrementInTargetCell", "textTableConflict"]);
        var plan = await (await client.GetAsync("/api/v1/plans/JH-STI-14FYP")).JsonAsync(HttpStatusCode.OK);
        plan["parentPlanCode"]!.GetValue<string>().Should().Be("TJ-STI-14FYP");
    }

    [Theory]
    [InlineData("BD-STI-14FYP", "S-11", null, 35)]
    [InlineData("BHTZ-14FYP", "T1-06", 140.62, 937)]
    public async Task A_total_summed_over_the_period_is_a_flow_whose_yearly_amounts_add_up(string plan, string code, double? baseline, int target)
    {
        var indicator = await IndicatorAsync(plan, code);

        indicator["measure"]!.GetValue<string>().Should().Be("flow");
        indicator["baseline"]?["value"]?.GetValue<decimal>().Should().Be(baseline is { } b ? (decimal)b : null);
        indicator["targets"]![0]!["value"]!.GetValue<decimal>().Should().Be(target);
    }

    [Fact]
    public async Task Jinghai_techsme_entries_are_the_distinct_enterprises_entered_during_the_period_not_added_to_the_363_before_it()
    {
        var indicator = await IndicatorAsync("JH-STI-14FYP", "T1-03");

        indicator["measure"]!.GetValue<string>().Should().Be("flow");
        indicator["metric"]!.GetValue<string>().Should().Be("enterprises.entered.TechSme");
        indicator["baseline"]!["value"]!.GetValue<decimal>().Should().Be(363);
        indicator["targets"]![0]!["value"]!.GetValue<decimal>().Should().Be(950);
    }

    [Fact]
    public async Task Assessment_attributes_are_seeded_where_the_documents_print_them_and_left_out_of_the_notes()
    {
        var outline = await (await client.GetAsync("/api/v1/plans/JH-STI-14FYP/indicators?municipalOutlineIndicator=true")).JsonAsync(HttpStatusCode.OK);
        var assessed = await (await client.GetAsync("/api/v1/plans/JH-STI-14FYP/indicators?municipalPerformanceIndicator=true")).JsonAsync(HttpStatusCode.OK);
        var binding = await (await client.GetAsync("/api/v1/plans/BHTZ-14FYP/indicators?nature=binding")).JsonAsync(HttpStatusCode.OK);
        var expected = await (await client.GetAsync("/api/v1/plans/BHTZ-14FYP/indicators?nature=expected&pageSize=500&count=true")).JsonAsync(HttpStatusCode.OK);
        var municipal = await (await client.GetAsync("/api/v1/plans/TJ-STI-14FYP/indicators?pageSize=500")).JsonAsync(HttpStatusCode.OK);

        CodesOf(outline).Should().Equal("T1-01", "T1-04");
        CodesOf(assessed).Should().Equal("T1-01", "T1-04");
        CodesOf(binding).Should().Equal("T1-30", "T1-31", "T1-32", "T1-33");
        expected["totalCount"]!.GetValue<int>().Should().Be(45, "every other row of the 49 in 表1 is 预期性; the text targets have no 属性");
        municipal["items"]!.AsArray().Should().OnlyContain(i => i!["nature"] == null, "the municipal table prints no 属性 column");
        (await IndicatorAsync("JH-STI-14FYP", "T1-01"))["notes"].Should().BeNull();
        (await IndicatorAsync("JH-STI-14FYP", "T1-04"))["notes"]!.GetValue<string>().Should().StartWith("备注：五年累计新增127家").And.NotContain("市规划纲要指标");
        expected["items"]!.AsArray().Concat(binding["items"]!.AsArray())
            .Should().OnlyContain(i => i!["notes"] == null || !i["notes"]!.GetValue<string>().Contains("属性"));
    }

    [Fact]
    public async Task Jinghai_chapters_four_and_five_hold_tasks_too()
    {
        var fields = await (await client.GetAsync($"/api/v1/plans/JH-STI-14FYP/tasks/{Uri.EscapeDataString("四.(五).6")}")).JsonAsync(HttpStatusCode.OK);
        var centre = await (await client.GetAsync($"/api/v1/plans/JH-STI-14FYP/tasks/{Uri.EscapeDataString("五.(二)")}")).JsonAsync(HttpStatusCode.OK);

        fields["title"]!.GetValue<string>().Should().Be("农业科技社会化服务体系");
        fields["description"]!.GetValue<string>().Should().StartWith("加强农业科技特派员队伍建设");
        centre["title"]!.GetValue<string>().Should().Be("建设子牙经开区微创新中心");
        centre["dueYear"]!.GetValue<int>().Should().Be(2025);
    }

    [Fact]
    public async Task Baodi_keeps_its_2019_baseline_year_flagged()
    {
        var plan = await (await client.GetAsync("/api/v1/plans/BD-STI-14FYP")).JsonAsync(HttpStatusCode.OK);
        var highTech = await IndicatorAsync("BD-STI-14FYP", "S-02");

        plan["baselineYear"]!.GetValue<int>().Should().Be(2019);
        highTech["baseline"]!["year"]!.GetValue<int>().Should().Be(2019);
        highTech["baseline"]!["value"]!.GetValue<decimal>().Should().Be(151);
        highTech["targets"]![0]!["value"]!.GetValue<decimal>().Should().Be(280);
        FlagCodes(highTech).Should().Contain("baselineYearDiffers");
    }

    [Fact]
    public async Task Dongli_keeps_its_milestones_document_number_and_the_units_of_every_task()
    {
        var plan = await (await client.GetAsync("/api/v1/plans/DL-STI-AP-2020-2022")).JsonAsync(HttpStatusCode.OK);
        var highTech = await IndicatorAsync("DL-STI-AP-2020-2022", "T1-03");
        var task = await (await client.GetAsync($"/api/v1/plans/DL-STI-AP-2020-2022/tasks/{Uri.EscapeDataString("三.(三).6")}")).JsonAsync(HttpStatusCode.OK);
        var byScienceBureau = await (await client.GetAsync("/api/v1/plans/DL-STI-AP-2020-2022/tasks?unit=区科技局&pageSize=500&count=true")).JsonAsync(HttpStatusCode.OK);

        plan["documentNumber"]!.GetValue<string>().Should().Be("东丽政发〔2021〕5号");
        highTech["targets"]!.AsArray().Select(t => (t!["year"]!.GetValue<int>(), t["value"]!.GetValue<decimal>()))
            .Should().Equal((2021, 440m), (2022, 500m));
        task["leadUnits"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal("区科技局");
        task["responsibleUnits"]!.AsArray().Select(u => u!.GetValue<string>())
            .Should().Equal("区发改委", "市规划资源局东丽分局", "区人力社保局", "临空经济区");
        byScienceBureau["totalCount"]!.GetValue<int>().Should().BeGreaterThan(5);
        byScienceBureau["items"]!.AsArray().Should().OnlyContain(t =>
            t!["leadUnits"]!.AsArray().Any(u => u!.GetValue<string>() == "区科技局")
            || t["responsibleUnits"]!.AsArray().Any(u => u!.GetValue<string>() == "区科技局"));
    }

    [Fact]
    public async Task A_target_the_document_sets_without_a_figure_keeps_its_wording_and_has_no_progress()
    {
        var indicator = await IndicatorAsync("BHTZ-14FYP", "T1-30");
        var progress = await (await client.GetAsync("/api/v1/plans/BHTZ-14FYP/progress")).JsonAsync(HttpStatusCode.OK);

        indicator["targets"]![0]!["value"].Should().BeNull();
        indicator["targets"]![0]!["raw"]!.GetValue<string>().Should().Be("完成新区下达任务");
        var entry = progress["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "T1-30")!;
        entry["status"]!.GetValue<string>().Should().Be("noData");
        entry["flags"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain("valueAmbiguous");
    }

    [Fact]
    public async Task The_source_document_is_served_as_utf8_text_exactly_as_given()
    {
        var response = await client.GetAsync("/api/v1/plans/DL-STI-AP-2020-2022/document");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; charset=utf-8");
        var expected = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot, "seeds", "documents", "DL-STI-AP-2020-2022.txt"));
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(expected);
        await (await client.GetAsync("/api/v1/plans/NOPE/document")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Loading_again_changes_nothing()
    {
        var before = await (await client.GetAsync("/api/v1/plans/TJ-STI-14FYP")).Content.ReadAsStringAsync();

        var report = await (await client.PostAsync("/api/v1/seeds/load", null)).JsonAsync(HttpStatusCode.OK);

        report["plans"]!.AsArray().Select(p => p!["outcome"]!.GetValue<string>()).Should().OnlyContain(o => o == "unchanged");
        report["plans"]!.AsArray().Should().HaveCount(5);
        (await (await client.GetAsync("/api/v1/plans/TJ-STI-14FYP")).Content.ReadAsStringAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("TJ-STI-14FYP")]
    [InlineData("JH-STI-14FYP")]
    [InlineData("DL-STI-AP-2020-2022")]
    [InlineData("BHTZ-14FYP")]
    [InlineData("BD-STI-14FYP")]
    public async Task Tasks_list_in_the_order_of_the_document(string plan)
    {
        var seed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "seeds", "plans", $"{plan}.json")))!;
        var documentOrder = seed["tasks"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()).ToList();

        var tasks = await (await client.GetAsync($"/api/v1/plans/{plan}/tasks?pageSize=500")).JsonAsync(HttpStatusCode.OK);

        tasks["items"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()).Should().Equal(documentOrder);
    }

    private async Task<JsonNode> IndicatorAsync(string plan, string code) =>
        await (await client.GetAsync($"/api/v1/plans/{plan}/indicators/{code}")).JsonAsync(HttpStatusCode.OK);

    private static IEnumerable<string> CodesOf(JsonNode list) =>
        list["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>());

    private static IEnumerable<string> FlagCodes(JsonNode indicator) =>
        indicator["flags"]!.AsArray().Select(f => f!["code"]!.GetValue<string>());
}
