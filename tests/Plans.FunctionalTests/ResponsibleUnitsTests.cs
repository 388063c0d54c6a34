using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>
/// Indicators and tasks carry their lead and responsible units (seeded from Dongli's 总体目标 and tasks); a
/// caller whose token names a unit reports only where its unit is named, and reads what its unit owes a year.
/// </summary>
public class ResponsibleUnitsTests(SeededPlansApiFactory factory) : IClassFixture<SeededPlansApiFactory>
{
    internal const string Dongli = "DL-STI-AP-2020-2022";
    private const string DongliRegion = "120110";
    private readonly HttpClient anonymous = factory.ClientWith(null);

    internal static HttpClient UnitClient(PlansApiFactory factory, string unit, string clientId = "dongli-unit") =>
        factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: DongliRegion, clientId: clientId,
            claims: new Dictionary<string, object> { ["unit"] = unit }));

    [Fact]
    public async Task Dongli_indicators_carry_the_units_its_goals_name_and_other_plans_none()
    {
        var rd = await (await anonymous.GetAsync($"/api/v1/plans/{Dongli}/indicators/T1-01")).JsonAsync(HttpStatusCode.OK);
        Strings(rd["leadUnits"]).Should().Equal("区科技局");
        Strings(rd["responsibleUnits"]).Should().Equal("区知识产权局");
        var industry = await (await anonymous.GetAsync($"/api/v1/plans/{Dongli}/indicators/T1-11")).JsonAsync(HttpStatusCode.OK);
        Strings(industry["leadUnits"]).Should().BeEmpty("科技赋能引领产业高质量发展 names responsible units only");
        Strings(industry["responsibleUnits"]).Should().Equal("区工信局", "区商务局");
        var trainees = await (await anonymous.GetAsync($"/api/v1/plans/{Dongli}/indicators/S-04")).JsonAsync(HttpStatusCode.OK);
        Strings(trainees["leadUnits"]).Should().Equal("区人力社保局");
        var municipal = await (await anonymous.GetAsync("/api/v1/plans/TJ-STI-14FYP/indicators/T1-05")).JsonAsync(HttpStatusCode.OK);
        Strings(municipal["leadUnits"]).Should().BeEmpty();
        Strings(municipal["responsibleUnits"]).Should().BeEmpty();
    }

    [Fact]
    public async Task A_unit_reports_figures_only_on_the_indicators_its_unit_is_named_on()
    {
        var industry = UnitClient(factory, "区工信局");
        var own = await (await industry.PostJsonAsync($"/api/v1/plans/{Dongli}/indicators/T1-10/observations", new { year = 2021, value = 1.1 }))
            .JsonAsync(HttpStatusCode.Created);
        await (await industry.PostAsync($"/api/v1/plans/{Dongli}/indicators/T1-10/observations/{own["id"]}/submit", null))
            .JsonAsync(HttpStatusCode.OK);

        var refused = await (await industry.PostJsonAsync($"/api/v1/plans/{Dongli}/indicators/T1-01/observations", new { year = 2021, value = 3 }))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        refused["detail"]!.GetValue<string>().Should().Contain("区科技局").And.Contain("区工信局");
        var list = await (await anonymous.GetAsync($"/api/v1/plans/{Dongli}/indicators/T1-01/observations")).JsonAsync(HttpStatusCode.OK);
        list["items"]!.AsArray().Should().BeEmpty("the refused figure is not stored");
    }

    [Fact]
    public async Task A_unit_scoped_token_is_refused_on_another_units_task_and_reports_on_its_own()
    {
        var industry = UnitClient(factory, "区工信局");
        var other = $"/api/v1/plans/{Dongli}/tasks/{Uri.EscapeDataString("三.(一).1")}";
        var before = await anonymous.GetAsync(other);
        await (await industry.PatchAsync(other, new { status = "inProgress" }, before.ETag()))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await (await anonymous.GetAsync(other)).JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().Should().Be("notStarted");

        var own = $"/api/v1/plans/{Dongli}/tasks/{Uri.EscapeDataString("三.(一).2")}";
        var current = await anonymous.GetAsync(own);
        var reported = await (await industry.PatchAsync(own, new { status = "inProgress", progressNote = "完成研发中心认定3家" }, current.ETag()))
            .JsonAsync(HttpStatusCode.OK);
        reported["status"]!.GetValue<string>().Should().Be("inProgress");
    }

    [Fact]
    public async Task A_caller_without_a_unit_reports_anywhere_in_its_region()
    {
        var bureau = factory.ClientWith(PlansApiFactory.Issuer.Token("plans.read plans.write", region: DongliRegion, clientId: "dongli-bureau"));
        await (await bureau.PostJsonAsync($"/api/v1/plans/{Dongli}/indicators/T1-02/observations", new { year = 2021, value = 0.19 }))
            .JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_plan_lists_the_units_it_names_with_what_each_leads_and_answers_for()
    {
        var units = (await (await anonymous.GetAsync($"/api/v1/plans/{Dongli}/units")).JsonAsync(HttpStatusCode.OK))["units"]!.AsArray();
        var bureau = units.Single(u => u!["name"]!.GetValue<string>() == "区科技局")!;
        // Leads T1-01–T1-09 and T1-13 (10) and the text rows S-01–S-03: 13; responsible for S-04.
        bureau["leadIndicators"]!.GetValue<int>().Should().Be(13);
        bureau["responsibleIndicators"]!.GetValue<int>().Should().Be(1);
        var industry = units.Single(u => u!["name"]!.GetValue<string>() == "区工信局")!;
        industry["leadIndicators"]!.GetValue<int>().Should().Be(0);
        industry["responsibleIndicators"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task A_unit_reads_what_it_owes_a_year()
    {
        var url = $"/api/v1/plans/{Dongli}/units/{Uri.EscapeDataString("区工信局")}/obligations?year=2021";
        var owed = await (await anonymous.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        owed["dueOn"]!.GetValue<string>().Should().Be("2022-03-31");
        var indicators = owed["indicators"]!.AsArray();
        indicators.Select(i => i!["code"]!.GetValue<string>()).Should().Equal("T1-10", "T1-11", "T1-12");
        indicators.Should().OnlyContain(i => i!["role"]!.GetValue<string>() == "responsible" && i["expected"]!.GetValue<bool>());
        indicators[1]!["target"]!["value"]!.GetValue<decimal>().Should().Be(0.54m);
        owed["tasks"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()).Should().Contain("三.(一).2");
    }

    [Fact]
    public async Task A_unit_the_plan_does_not_name_and_a_year_outside_its_period_are_refused()
    {
        var unknown = await (await anonymous.GetAsync($"/api/v1/plans/{Dongli}/units/{Uri.EscapeDataString("区外办")}/obligations?year=2021"))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
        unknown["detail"]!.GetValue<string>().Should().Contain("区外办");
        var late = await (await anonymous.GetAsync($"/api/v1/plans/{Dongli}/units/{Uri.EscapeDataString("区科技局")}/obligations?year=2023"))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        late.ErrorsFor("year").Single().Should().Contain("2020 to 2022");
        await (await anonymous.GetAsync($"/api/v1/plans/{Dongli}/units/{Uri.EscapeDataString("区科技局")}/obligations?year=abc"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await anonymous.GetAsync($"/api/v1/plans/{Dongli}/units/{new string('局', 201)}/obligations?year=2021"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    internal static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());
}

/// <summary>
/// Another issuer names the unit in a claim of its own (Auth:Issuers:1:UnitClaim), read as the unit; a
/// <c>unit</c> claim it also sends is not its word for the unit.
/// </summary>
public class IssuerUnitClaimTests(IssuerUnitClaimTests.DepartmentClaimFactory factory) : IClassFixture<IssuerUnitClaimTests.DepartmentClaimFactory>
{
    public sealed class DepartmentClaimFactory : SeededPlansApiFactory
    {
        public DepartmentClaimFactory()
        {
            TrustSecondIssuer = true;
            SecondIssuerUnitClaim = "department";
        }
    }

    [Fact]
    public async Task The_configured_claim_names_the_unit()
    {
        var client = factory.ClientWith(PlansApiFactory.SecondIssuer.Token("plans.read plans.write", region: "120110", clientId: "keycloak-industry",
            claims: new Dictionary<string, object> { ["department"] = "区工信局", ["unit"] = "区科技局" }));
        await (await client.PostJsonAsync($"/api/v1/plans/{ResponsibleUnitsTests.Dongli}/indicators/T1-11/observations", new { year = 2021, value = 0.5 }))
            .JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{ResponsibleUnitsTests.Dongli}/indicators/T1-01/observations", new { year = 2021, value = 3 }))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
