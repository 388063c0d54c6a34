using System.Net;

namespace Plans.FunctionalTests;

public class TasksApiTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<string> DongliPlanWithTasksAsync()
    {
        var plan = await client.CreatePlanAsync(regionCode: "120110", level: "district");
        await Create(plan, "三.(二).4", "推动科技成果转化", ["区科技局"], ["区发改委", "区工信局"]);
        await Create(plan, "三.(三).6", "建设人才高地", ["区委人才办"], ["区科技局", "区人力社保局"]);
        await Create(plan, "四.(一).1", "优化创新生态", ["区发改委"], []);
        return plan;
    }

    private async Task Create(string plan, string code, string title, string[] lead, string[] responsible) =>
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/tasks", new
        {
            code, title, leadUnits = lead, responsibleUnits = responsible, dueYear = 2022,
        })).JsonAsync(HttpStatusCode.Created);

    [Fact]
    public async Task Tasks_keep_several_lead_and_responsible_units_and_their_document_numbering()
    {
        var plan = await DongliPlanWithTasksAsync();

        var task = await (await client.GetAsync($"/api/v1/plans/{plan}/tasks/{Uri.EscapeDataString("三.(二).4")}")).JsonAsync(HttpStatusCode.OK);

        task["code"]!.GetValue<string>().Should().Be("三.(二).4");
        task["leadUnits"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal("区科技局");
        task["responsibleUnits"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal("区发改委", "区工信局");
        task["status"]!.GetValue<string>().Should().Be("notStarted");
    }

    [Fact]
    public async Task Filtering_by_unit_finds_tasks_it_leads_or_is_responsible_for()
    {
        var plan = await DongliPlanWithTasksAsync();

        var science = await (await client.GetAsync($"/api/v1/plans/{plan}/tasks?unit=区科技局")).JsonAsync(HttpStatusCode.OK);
        var development = await (await client.GetAsync($"/api/v1/plans/{plan}/tasks?unit=区发改委")).JsonAsync(HttpStatusCode.OK);

        Codes(science).Should().BeEquivalentTo("三.(二).4", "三.(三).6");
        Codes(development).Should().BeEquivalentTo("三.(二).4", "四.(一).1");
    }

    [Fact]
    public async Task Progress_of_a_published_plan_s_task_can_be_reported_but_its_wording_cannot_change()
    {
        var plan = await DongliPlanWithTasksAsync();
        await client.PublishAsync(plan);
        var url = $"/api/v1/plans/{plan}/tasks/{Uri.EscapeDataString("三.(二).4")}";

        var reported = await client.PatchAsync(url, new { status = "inProgress", progressNote = "已完成年度目标的60%" }, "\"1\"");
        var reworded = await client.PatchAsync(url, new { title = "新标题" }, "\"2\"");

        (await reported.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().Should().Be("inProgress");
        await reworded.ProblemAsync(HttpStatusCode.Conflict, "planPublished");
        var inProgress = await (await client.GetAsync($"/api/v1/plans/{plan}/tasks?status=inProgress")).JsonAsync(HttpStatusCode.OK);
        Codes(inProgress).Should().Equal("三.(二).4");
    }

    [Fact]
    public async Task Rejects_bad_tasks()
    {
        var plan = await client.CreatePlanAsync();

        var noTitle = await client.PostJsonAsync($"/api/v1/plans/{plan}/tasks", new { code = "一.1" });
        var slash = await client.PostJsonAsync($"/api/v1/plans/{plan}/tasks", new { code = "一/1", title = "t" });
        var badStatus = await client.PostRawAsync($"/api/v1/plans/{plan}/tasks", "{\"code\":\"一.2\",\"title\":\"t\",\"status\":\"done\"}");
        var blankUnit = await client.PostJsonAsync($"/api/v1/plans/{plan}/tasks", new { code = "一.3", title = "t", leadUnits = new[] { "" } });

        (await noTitle.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("title").Should().NotBeEmpty();
        (await slash.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("code").Should().NotBeEmpty();
        (await badStatus.ProblemAsync(HttpStatusCode.BadRequest, "invalidJson")).ErrorsFor("status").Single().Should().Contain("notStarted");
        (await blankUnit.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("leadUnits[0]").Should().NotBeEmpty();
        await (await client.GetAsync($"/api/v1/plans/{plan}/tasks/nope")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.GetAsync($"/api/v1/plans/{plan}/tasks?status=done")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    [Fact]
    public async Task Tasks_list_in_document_order_by_default_and_when_sorted_by_code()
    {
        var plan = await client.CreatePlanAsync(regionCode: "120110", level: "district");
        foreach (var code in new[] { "三.(四).10", "三.(三).6", "四.(一).1", "三.(四).9", "三.(二).3", "三.(十).2", "三.(二)" })
        {
            await Create(plan, code, "任务", ["区科技局"], []);
        }

        string[] documentOrder = ["三.(二)", "三.(二).3", "三.(三).6", "三.(四).9", "三.(四).10", "三.(十).2", "四.(一).1"];
        Codes(await (await client.GetAsync($"/api/v1/plans/{plan}/tasks")).JsonAsync(HttpStatusCode.OK)).Should().Equal(documentOrder);
        Codes(await (await client.GetAsync($"/api/v1/plans/{plan}/tasks?sort=code")).JsonAsync(HttpStatusCode.OK)).Should().Equal(documentOrder);
        Codes(await (await client.GetAsync($"/api/v1/plans/{plan}/tasks?sort=-code")).JsonAsync(HttpStatusCode.OK))
            .Should().Equal(documentOrder.Reverse());
        Codes(await (await client.GetAsync($"/api/v1/plans/{plan}/tasks?pageSize=3&page=2")).JsonAsync(HttpStatusCode.OK))
            .Should().Equal(documentOrder[3..6]);
    }

    private static IEnumerable<string> Codes(System.Text.Json.Nodes.JsonNode list) =>
        list["items"]!.AsArray().Select(t => t!["code"]!.GetValue<string>());
}
