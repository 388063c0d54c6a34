using TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Enterprises.FunctionalTests;

/// <summary>GET /api/v1/enterprises/{creditCode}/eligibility over a register of its own (the clock reads 2026-11-22).</summary>
public class EligibilityApiTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    /// <summary>A sound small enterprise's year: 6% R&amp;D, 80% high-tech revenue, 30% S&amp;T staff, one class I item.</summary>
    internal static object Year(decimal rdExpenseWan = 60m, int rdStaff = 30) => new
    {
        revenueWan = 1000m,
        rdExpenseWan,
        highTechRevenueWan = 800m,
        employees = 100,
        rdStaff,
        inventionPatents = 0,
        class1Ip = 1,
        class2Ip = 0,
        totalAssetsWan = 2000m,
    };

    internal static async Task PutReportAsync(HttpClient client, string code, int year, object body)
    {
        var response = await client.PutAsync($"/api/v1/enterprises/{code}/annual-reports/{year}", JsonContent.Create(body));
        response.IsSuccessStatusCode.Should().BeTrue("the report {0}/{1} was stored: {2}", code, year, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> EnterpriseWithReportsAsync(params int[] years)
    {
        var code = await client.CreateEnterpriseAsync(foundedOn: "2015-03-18");
        foreach (var year in years)
        {
            await PutReportAsync(client, code, year, Year());
        }

        return code;
    }

    private async Task<JsonNode> EligibilityAsync(string code, string query) =>
        await (await client.GetAsync($"/api/v1/enterprises/{code}/eligibility?{query}")).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task HighTech_verdict_names_the_rule_set_and_every_criterion_with_its_figures()
    {
        var code = await EnterpriseWithReportsAsync(2022, 2023, 2024);

        var body = await EligibilityAsync(code, "type=HighTech&year=2025");

        body["creditCode"]!.GetValue<string>().Should().Be(code);
        body["type"]!.GetValue<string>().Should().Be("HighTech");
        body["verdict"]!.GetValue<string>().Should().Be("eligible");
        body["ruleSet"]!["id"]!.GetValue<string>().Should().Be("highTech-2016");
        body["ruleSet"]!["effectiveFrom"]!.GetValue<string>().Should().Be("2016-01-01");
        body["missingReports"]!.AsArray().Should().BeEmpty();
        body["notAssessed"]!.AsArray().Should().NotBeEmpty();
        var criteria = body["criteria"]!.AsArray();
        criteria.Select(c => c!["code"]!.GetValue<string>()).Should().Equal("highTech.registeredOneYear", "highTech.ownsIp",
            "highTech.rdStaffShare", "highTech.rdIntensity", "highTech.highTechRevenueShare");
        criteria.Should().OnlyContain(c => c!["passed"]!.GetValue<bool>());
        var rd = criteria.Single(c => c!["code"]!.GetValue<string>() == "highTech.rdIntensity")!;
        rd["value"]!.GetValue<decimal>().Should().Be(6m);
        rd["threshold"]!["value"]!.GetValue<decimal>().Should().Be(5m);
        rd["threshold"]!["unit"]!.GetValue<string>().Should().Be("%");
        rd["threshold"]!["comparison"]!.GetValue<string>().Should().Be("atLeast");
        rd["source"]!.GetValue<string>().Should().Contain("国科发火〔2016〕32号");
        var figures = rd["figures"]!.AsArray();
        figures.Should().Contain(f => f!["name"]!.GetValue<string>() == "rdExpenseTotalWan" && f["value"]!.GetValue<decimal>() == 180m
            && f["unit"]!.GetValue<string>() == "万元");
    }

    [Fact]
    public async Task A_missing_report_makes_the_verdict_undetermined_and_is_named()
    {
        var code = await EnterpriseWithReportsAsync(2022, 2024);

        var body = await EligibilityAsync(code, "type=HighTech&year=2025");

        body["verdict"]!.GetValue<string>().Should().Be("undetermined");
        body["missingReports"]!.AsArray().Select(y => y!.GetValue<int>()).Should().Equal(2023);
        var rd = body["criteria"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "highTech.rdIntensity")!;
        rd["passed"].Should().BeNull();
        rd["note"]!.GetValue<string>().Should().Be("The annual report for 2023 is missing.");
    }

    [Fact]
    public async Task TechSme_shows_the_score_of_each_band()
    {
        var code = await EnterpriseWithReportsAsync(2024);

        var body = await EligibilityAsync(code, "type=techsme&year=2025");

        body["verdict"]!.GetValue<string>().Should().Be("eligible");
        body["ruleSet"]!["id"]!.GetValue<string>().Should().Be("techSme-2017");
        var score = body["criteria"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "techSme.score")!;
        var figures = score["figures"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["value"]?.GetValue<decimal>());
        figures["staffScore"].Should().Be(20m);
        figures["rdScore"].Should().Be(50m);
        figures["ipScore"].Should().Be(30m);
        figures["score"].Should().Be(100m);
    }

    [Fact]
    public async Task Eagle_is_judged_on_the_previous_year()
    {
        var code = await client.CreateEnterpriseAsync(foundedOn: "2020-05-01");
        await PutReportAsync(client, code, 2024, Year());

        var body = await EligibilityAsync(code, "type=Eagle&year=2025");

        body["verdict"]!.GetValue<string>().Should().Be("eligible");
        body["ruleSet"]!["id"]!.GetValue<string>().Should().Be("eagle-2021");
    }

    [Fact]
    public async Task A_year_before_any_rule_set_answers_undetermined_with_the_reason()
    {
        var code = await EnterpriseWithReportsAsync();

        var body = await EligibilityAsync(code, "type=HighTech&year=2010");

        body["verdict"]!.GetValue<string>().Should().Be("undetermined");
        body["ruleSet"].Should().BeNull();
        body["criteria"]!.AsArray().Should().BeEmpty();
        body["note"]!.GetValue<string>().Should().Contain("2016-01-01");
    }

    [Fact]
    public async Task The_credit_code_may_be_typed_in_lower_case()
    {
        var code = await EnterpriseWithReportsAsync(2024);

        var body = await EligibilityAsync(code.ToLowerInvariant(), "type=TechSme&year=2025");

        body["creditCode"]!.GetValue<string>().Should().Be(code);
    }

    [Fact]
    public async Task An_unknown_enterprise_is_404()
    {
        await (await client.GetAsync($"/api/v1/enterprises/{CreditCodes.New()}/eligibility?type=HighTech&year=2025"))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Theory]
    [InlineData("type=Gazelle&year=2025", "type")]
    [InlineData("type=5&year=2025", "type")]
    [InlineData("year=2025", "type")]
    [InlineData("type=HighTech&year=1999", "year")]
    [InlineData("type=HighTech&year=2028", "year")]
    [InlineData("type=HighTech&year=-1", "year")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var code = await EnterpriseWithReportsAsync();

        var problem = await (await client.GetAsync($"/api/v1/enterprises/{code}/eligibility?{query}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(field).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Malformed_year_is_400_not_500()
    {
        var code = await EnterpriseWithReportsAsync();

        await (await client.GetAsync($"/api/v1/enterprises/{code}/eligibility?type=HighTech&year=twenty"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    [Fact]
    public async Task Next_year_is_the_latest_year_accepted()
    {
        var code = await EnterpriseWithReportsAsync();

        var body = await EligibilityAsync(code, "type=HighTech&year=2027");

        body["year"]!.GetValue<int>().Should().Be(2027);
        body["missingReports"]!.AsArray().Select(y => y!.GetValue<int>()).Should().Equal(2024, 2025, 2026);
    }

    [Fact]
    public async Task Needs_the_enterprises_read_scope()
    {
        var code = await EnterpriseWithReportsAsync();
        var url = $"/api/v1/enterprises/{code}/eligibility?type=HighTech&year=2025";

        await (await factory.ClientWith(null).GetAsync(url)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await factory.ClientWith(EnterprisesApiFactory.Issuer.Token("plans.read")).GetAsync(url))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read")).GetAsync(url))
            .JsonAsync(HttpStatusCode.OK);
    }
}
