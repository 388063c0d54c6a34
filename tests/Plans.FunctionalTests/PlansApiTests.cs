using System.Net;

namespace Plans.FunctionalTests;

public class PlansApiTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Creates_a_draft_plan_and_reads_it_back_with_its_etag()
    {
        var code = Api.UniqueCode("TJ");

        var created = await client.PostJsonAsync("/api/v1/plans", Api.Plan(code));
        var body = await created.JsonAsync(HttpStatusCode.Created);

        created.Headers.Location!.ToString().Should().Be($"/api/v1/plans/{code}");
        created.ETag().Should().Be("\"1\"");
        body["status"]!.GetValue<string>().Should().Be("draft");
        var read = await client.GetAsync($"/api/v1/plans/{code}");
        var plan = await read.JsonAsync(HttpStatusCode.OK);
        read.ETag().Should().Be("\"1\"");
        plan["title"]!.GetValue<string>().Should().Be("天津市科技创新\"十四五\"规划");
        plan["kind"]!.GetValue<string>().Should().Be("fiveYearPlan");
        plan["level"]!.GetValue<string>().Should().Be("municipal");
        plan["issuedOn"]!.GetValue<string>().Should().Be("2021-08-08");
        plan["baselineYear"]!.GetValue<int>().Should().Be(2020);
    }

    [Fact]
    public async Task Lists_plans_filtered_by_region_level_status_and_title_with_paging()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var jinghai = Api.UniqueCode("JH");
        await client.PostJsonAsync("/api/v1/plans", new Dictionary<string, object>
        {
            ["code"] = jinghai, ["title"] = $"静海区科技创新规划 {marker}", ["kind"] = "fiveYearPlan", ["level"] = "district",
            ["regionCode"] = "120118", ["periodStart"] = 2021, ["periodEnd"] = 2025, ["baselineYear"] = 2020,
        });
        var dongli = await client.CreatePlanAsync(regionCode: "120110", level: "district");
        await client.PublishAsync(dongli);

        var byRegion = await (await client.GetAsync("/api/v1/plans?regionCode=120118")).JsonAsync(HttpStatusCode.OK);
        var published = await (await client.GetAsync("/api/v1/plans?level=district&status=published")).JsonAsync(HttpStatusCode.OK);
        var byTitle = await (await client.GetAsync($"/api/v1/plans?q={marker}&count=true")).JsonAsync(HttpStatusCode.OK);

        Codes(byRegion).Should().Contain(jinghai).And.NotContain(dongli);
        Codes(published).Should().Contain(dongli).And.NotContain(jinghai);
        Codes(byTitle).Should().Equal(jinghai);
        byTitle["totalCount"]!.GetValue<int>().Should().Be(1);

        var firstPage = await (await client.GetAsync("/api/v1/plans?page=1&pageSize=1&sort=-code")).JsonAsync(HttpStatusCode.OK);
        firstPage["items"]!.AsArray().Should().HaveCount(1);
        firstPage["pageSize"]!.GetValue<int>().Should().Be(1);
        firstPage["totalCount"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(2);
    }

    [Theory]
    [InlineData("/api/v1/plans?pageSize=501", "pageSize")]
    [InlineData("/api/v1/plans?page=0", "page")]
    [InlineData("/api/v1/plans?page=abc", "page")]
    [InlineData("/api/v1/plans?sort=secret", "sort")]
    [InlineData("/api/v1/plans?status=finished", "status")]
    [InlineData("/api/v1/plans?level=5", "level")]
    public async Task Rejects_bad_list_parameters_with_400_naming_the_parameter(string url, string parameter)
    {
        var problem = await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(parameter).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("/api/v1/regions?page=0", "page")]
    [InlineData("/api/v1/regions?sort=secret", "sort")]
    [InlineData("/api/v1/plans/{plan}/indicators?pageSize=0", "pageSize")]
    [InlineData("/api/v1/plans/{plan}/indicators?sort=-secret", "sort")]
    [InlineData("/api/v1/plans/{plan}/tasks?page=-1", "page")]
    [InlineData("/api/v1/plans/{plan}/tasks?status=done", "status")]
    [InlineData("/api/v1/plans/{plan}/tasks?sort=code,secret", "sort")]
    [InlineData("/api/v1/plans/{plan}/indicators/I1/observations?pageSize=501", "pageSize")]
    [InlineData("/api/v1/plans/NO-SUCH-PLAN/tasks?status=done", "status")]
    public async Task Every_list_answers_a_bad_parameter_with_the_same_400_naming_it(string url, string parameter)
    {
        var plan = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);

        var problem = await (await client.GetAsync(url.Replace("{plan}", plan, StringComparison.Ordinal)))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(parameter).Should().ContainSingle();
    }

    [Fact]
    public async Task Rejects_malformed_json_with_400()
    {
        var problem = await (await client.PostRawAsync("/api/v1/plans", "{\"code\": \"X\", ")).ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");

        problem["detail"]!.GetValue<string>().Should().Contain("line");
    }

    [Fact]
    public async Task Rejects_a_value_of_the_wrong_type_with_400_naming_the_field()
    {
        var response = await client.PostRawAsync("/api/v1/plans", "{\"code\":\"X1\",\"periodStart\":\"twenty\"}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        problem.ErrorsFor("periodStart").Should().ContainSingle();
    }

    [Fact]
    public async Task Rejects_an_unknown_enum_value_with_400_listing_the_allowed_values()
    {
        var response = await client.PostRawAsync("/api/v1/plans", "{\"code\":\"X2\",\"kind\":\"fiveYear\"}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        problem.ErrorsFor("kind").Single().Should().Be("'fiveYear' is not one of: fiveYearPlan, actionPlan, outline, specialPlan, other.");
    }

    [Fact]
    public async Task Rejects_an_enum_sent_as_a_number()
    {
        var response = await client.PostRawAsync("/api/v1/plans", "{\"code\":\"X3\",\"kind\":1}");

        (await response.ProblemAsync(HttpStatusCode.BadRequest, "invalidJson")).ErrorsFor("kind").Should().ContainSingle();
    }

    [Fact]
    public async Task Rejects_an_unknown_field_instead_of_dropping_it()
    {
        var response = await client.PostRawAsync("/api/v1/plans", "{\"code\":\"X4\",\"titel\":\"typo\"}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalidJson");
        problem.ErrorsFor("titel").Single().Should().Be("Unknown field: it is not part of this resource.");
        problem.ToJsonString().Should().NotContain("Plans.Api", "internal type names stay internal");
    }

    [Fact]
    public async Task Rejects_missing_fields_with_422_listing_each()
    {
        var problem = await (await client.PostRawAsync("/api/v1/plans", "{}")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        foreach (var field in new[] { "code", "title", "kind", "level", "regionCode", "periodStart", "periodEnd", "baselineYear" })
        {
            problem.ErrorsFor(field).Should().NotBeEmpty($"'{field}' is required");
        }
    }

    [Fact]
    public async Task Rejects_a_region_that_does_not_exist_with_422()
    {
        var response = await client.PostJsonAsync("/api/v1/plans", Api.Plan(Api.UniqueCode("X"), regionCode: "990000"));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        problem.ErrorsFor("regionCode").Single().Should().Contain("990000");
    }

    [Fact]
    public async Task Rejects_a_level_that_does_not_match_the_region()
    {
        var response = await client.PostJsonAsync("/api/v1/plans", Api.Plan(Api.UniqueCode("X"), regionCode: "120118", level: "municipal"));

        (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("level").Should().ContainSingle();
    }

    [Fact]
    public async Task Rejects_a_period_that_ends_before_it_starts()
    {
        var response = await client.PostJsonAsync("/api/v1/plans", new
        {
            code = Api.UniqueCode("X"), title = "t", kind = "actionPlan", level = "municipal", regionCode = "120000",
            periodStart = 2025, periodEnd = 2021, baselineYear = 2020,
        });

        (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("periodEnd")
            .Should().Contain("'periodEnd' must not be before 'periodStart'.");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("slash/inside")]
    public async Task Rejects_a_code_unsafe_in_a_url(string code)
    {
        var response = await client.PostJsonAsync("/api/v1/plans", Api.Plan(code));

        (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("code").Should().ContainSingle();
    }

    [Fact]
    public async Task Rejects_a_duplicate_code_with_409_and_keeps_the_original()
    {
        var code = await client.CreatePlanAsync();
        var second = new Dictionary<string, object>
        {
            ["code"] = code, ["title"] = "另一个标题", ["kind"] = "outline", ["level"] = "municipal", ["regionCode"] = "120000",
            ["periodStart"] = 2021, ["periodEnd"] = 2025, ["baselineYear"] = 2020,
        };

        await (await client.PostJsonAsync("/api/v1/plans", second)).ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");

        var stored = await (await client.GetAsync($"/api/v1/plans/{code}")).JsonAsync(HttpStatusCode.OK);
        stored["title"]!.GetValue<string>().Should().Be("天津市科技创新\"十四五\"规划");
    }

    [Fact]
    public async Task Rejects_a_parent_plan_that_does_not_exist()
    {
        var plan = new Dictionary<string, object>
        {
            ["code"] = Api.UniqueCode("X"), ["title"] = "t", ["kind"] = "outline", ["level"] = "municipal", ["regionCode"] = "120000",
            ["periodStart"] = 2021, ["periodEnd"] = 2025, ["baselineYear"] = 2020, ["parentPlanCode"] = "NOPE",
        };

        (await (await client.PostJsonAsync("/api/v1/plans", plan)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("parentPlanCode").Should().ContainSingle();
    }

    [Fact]
    public async Task Rejects_a_10_MB_body_with_413()
    {
        var huge = "{\"code\":\"" + new string('x', 10 * 1024 * 1024) + "\"}";

        await (await client.PostRawAsync("/api/v1/plans", huge)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payloadTooLarge");
    }

    [Fact]
    public async Task Rejects_a_body_that_is_not_json_with_415()
    {
        await (await client.PostRawAsync("/api/v1/plans", "code=X", "application/x-www-form-urlencoded"))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupportedMediaType");
    }

    [Fact]
    public async Task Rejects_an_empty_body_with_400()
    {
        await (await client.PostRawAsync("/api/v1/plans", "")).ProblemAsync(HttpStatusCode.BadRequest, "bodyRequired");
    }

    [Fact]
    public async Task Answers_an_unknown_plan_with_404()
    {
        var problem = await (await client.GetAsync("/api/v1/plans/NO-SUCH-PLAN")).ProblemAsync(HttpStatusCode.NotFound, "notFound");

        problem["detail"]!.GetValue<string>().Should().Contain("NO-SUCH-PLAN");
    }

    [Fact]
    public async Task Every_problem_carries_the_request_id_the_caller_sent()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plans/NO-SUCH-PLAN");
        request.Headers.Add("X-Request-Id", "district-portal-42");

        var response = await client.SendAsync(request);

        response.Headers.GetValues("X-Request-Id").Should().Equal("district-portal-42");
        (await response.ProblemAsync(HttpStatusCode.NotFound, "notFound"))["requestId"]!.GetValue<string>().Should().Be("district-portal-42");
    }

    [Fact]
    public async Task A_request_without_an_id_gets_a_new_one_of_32_hex_digits()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.GetAsync("/api/v1/plans/NO-SUCH-PLAN");
            var id = response.Headers.GetValues("X-Request-Id").Should().ContainSingle().Which;
            (await response.ProblemAsync(HttpStatusCode.NotFound, "notFound"))["requestId"]!.GetValue<string>().Should().Be(id);
            ids.Add(id);
        }

        ids.Should().AllSatisfy(id => id.Should().MatchRegex("^[0-9a-f]{32}$")).And.OnlyHaveUniqueItems();
        ids.Select(id => id[..16]).Distinct().Should().ContainSingle("the process's prefix is drawn once");
    }

    private static IEnumerable<string> Codes(System.Text.Json.Nodes.JsonNode list) =>
        list["items"]!.AsArray().Select(p => p!["code"]!.GetValue<string>());
}
