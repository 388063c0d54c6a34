using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace Plans.FunctionalTests;

/// <summary>The Plans service with a seeds folder of its own, empty until a test writes a seed file into it.</summary>
public sealed class SeedFolderPlansApiFactory : PlansApiFactory
{
    public string SeedsDirectory { get; } = Path.Combine(Path.GetTempPath(), "plans-seeds", Guid.NewGuid().ToString("N"));

    /// <summary>Writes a seed file for the plan, with a source document of its own.</summary>
    public void WriteSeed(int seedVersion, object plan, object[] indicators, object[] tasks)
    {
        var code = JsonSerializer.SerializeToNode(plan)!["code"]!.GetValue<string>();
        Directory.CreateDirectory(Path.Combine(SeedsDirectory, "plans"));
        Directory.CreateDirectory(Path.Combine(SeedsDirectory, "documents"));
        File.WriteAllText(Path.Combine(SeedsDirectory, "documents", $"{code}.txt"), $"{code} 的原文");
        var seed = new { seedVersion, document = $"documents/{code}.txt", plan, indicators, tasks };
        File.WriteAllText(Path.Combine(SeedsDirectory, "plans", $"{code}.json"), JsonSerializer.Serialize(seed));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seeds:Directory", SeedsDirectory);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(SeedsDirectory))
        {
            Directory.Delete(SeedsDirectory, recursive: true);
        }
    }
}

/// <summary>
/// A write exists once: a plan, its indicators and tasks sent through the API and written by the
/// seed loader are the same commands, so they come out the same and are refused with the same errors.
/// </summary>
public class WriteOnceTests(SeedFolderPlansApiFactory factory) : IClassFixture<SeedFolderPlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static Dictionary<string, object?> Plan(string code) => new()
    {
        ["code"] = code, ["title"] = "东丽区科技创新三年行动计划", ["kind"] = "actionPlan", ["level"] = "district", ["regionCode"] = "120110",
        ["periodStart"] = 2021, ["periodEnd"] = 2025, ["baselineYear"] = 2020, ["issuer"] = "东丽区人民政府",
        ["documentNumber"] = "东丽政发〔2021〕5号", ["issuedOn"] = "2021-02-23",
    };

    private static Dictionary<string, object?> Indicator(int targetYear = 2025) => new()
    {
        ["code"] = "T1-03", ["name"] = "国家高新技术企业数量", ["unit"] = "家", ["measure"] = "stock", ["direction"] = "increase",
        ["baseline"] = new { year = 2020, value = 380, raw = "380" },
        ["targets"] = new[] { new { year = 2022, value = 440m, qualifier = (string?)null }, new { year = targetYear, value = 500m, qualifier = (string?)"atLeast" } },
        ["metric"] = "enterprises.qualified.HighTech", ["source"] = "附件 序号3",
        ["flags"] = new[] { new { code = "unitDiffers", message = "表中单位为“个”" } },
    };

    private static Dictionary<string, object?> Task(string code = "三.(二).4") => new()
    {
        ["code"] = code, ["title"] = "推动科技成果转化", ["description"] = "建设技术转移机构", ["leadUnits"] = new[] { "区科技局" },
        ["responsibleUnits"] = new[] { "区发改委", "区工信局" }, ["dueYear"] = 2022,
    };

    private async Task<JsonNode> LoadAsync(string planCode)
    {
        var report = await (await client.PostAsync("/api/v1/seeds/load", null)).JsonAsync(HttpStatusCode.OK);
        return report["plans"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == planCode)!;
    }

    private static JsonNode Without(JsonNode node, params string[] fields)
    {
        var copy = node.DeepClone().AsObject();
        foreach (var field in fields)
        {
            copy.Remove(field);
        }

        return copy;
    }

    [Fact]
    public async Task A_plan_with_its_indicator_and_task_comes_out_the_same_seeded_or_sent_through_the_API()
    {
        var (seeded, sent) = (Api.UniqueCode("SEED"), Api.UniqueCode("API"));
        factory.WriteSeed(1, Plan(seeded), [Indicator()], [Task()]);
        (await LoadAsync(seeded))["outcome"]!.GetValue<string>().Should().Be("created");

        await (await client.PostJsonAsync("/api/v1/plans", Plan(sent))).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{sent}/indicators", Indicator())).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{sent}/tasks", Task())).JsonAsync(HttpStatusCode.Created);
        await client.PublishAsync(sent);

        foreach (var path in new[] { "", "/indicators/T1-03", $"/tasks/{Uri.EscapeDataString("三.(二).4")}" })
        {
            var fromSeed = await client.GetAsync($"/api/v1/plans/{seeded}{path}");
            var fromApi = await client.GetAsync($"/api/v1/plans/{sent}{path}");
            Without(await fromSeed.JsonAsync(HttpStatusCode.OK), "code", "planCode").ToJsonString()
                .Should().Be(Without(await fromApi.JsonAsync(HttpStatusCode.OK), "code", "planCode").ToJsonString(), path);
            fromSeed.ETag().Should().Be(fromApi.ETag(), path);
        }
    }

    [Fact]
    public async Task An_indicator_with_a_target_outside_the_plan_s_period_is_refused_with_the_same_error_from_both_paths()
    {
        var (seeded, sent) = (Api.UniqueCode("SEED"), Api.UniqueCode("API"));
        factory.WriteSeed(1, Plan(seeded), [Indicator(targetYear: 2030)], [Task()]);
        await (await client.PostJsonAsync("/api/v1/plans", Plan(sent))).JsonAsync(HttpStatusCode.Created);

        var report = await LoadAsync(seeded);
        var problem = await (await client.PostJsonAsync($"/api/v1/plans/{sent}/indicators", Indicator(targetYear: 2030)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        var error = problem.ErrorsFor("targets[1].year").Should().ContainSingle().Subject;
        error.Should().Contain("2021").And.Contain("2025").And.Contain("2030");
        report["outcome"]!.GetValue<string>().Should().Be("invalid");
        report["detail"]!.GetValue<string>().Should().Be($"indicators[T1-03].targets[1].year: {error}");
        await (await client.GetAsync($"/api/v1/plans/{seeded}")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task A_task_code_the_API_refuses_is_refused_in_a_seed_with_the_same_error_and_nothing_of_the_plan_is_kept()
    {
        var (seeded, sent) = (Api.UniqueCode("SEED"), Api.UniqueCode("API"));
        factory.WriteSeed(1, Plan(seeded), [Indicator()], [Task(), Task("三/4")]);
        await (await client.PostJsonAsync("/api/v1/plans", Plan(sent))).JsonAsync(HttpStatusCode.Created);

        var report = await LoadAsync(seeded);
        var problem = await (await client.PostJsonAsync($"/api/v1/plans/{sent}/tasks", Task("三/4")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        report["detail"]!.GetValue<string>().Should().Be($"tasks[三/4].code: {problem.ErrorsFor("code").Single()}");
        await (await client.GetAsync($"/api/v1/plans/{seeded}")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        (await LoadAsync(seeded))["outcome"]!.GetValue<string>().Should().Be("invalid", "an invalid plan is tried again, and refused again");
    }

    [Fact]
    public async Task A_plan_missing_its_title_is_refused_alike_and_a_duplicate_indicator_is_a_conflict_alike()
    {
        var (untitled, twice, sent) = (Api.UniqueCode("SEED"), Api.UniqueCode("SEED"), Api.UniqueCode("API"));
        var plan = Plan(untitled);
        plan.Remove("title");
        factory.WriteSeed(1, plan, [Indicator()], []);
        factory.WriteSeed(1, Plan(twice), [Indicator(), Indicator()], []);
        await (await client.PostJsonAsync("/api/v1/plans", Plan(sent))).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/api/v1/plans/{sent}/indicators", Indicator())).JsonAsync(HttpStatusCode.Created);

        var untitledReport = await LoadAsync(untitled);
        var twiceReport = await LoadAsync(twice);
        var noTitle = await (await client.PostJsonAsync("/api/v1/plans", plan)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var duplicate = await (await client.PostJsonAsync($"/api/v1/plans/{sent}/indicators", Indicator()))
            .ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");

        untitledReport["detail"]!.GetValue<string>().Should().Be($"plan.title: {noTitle.ErrorsFor("title").Single()}");
        twiceReport["outcome"]!.GetValue<string>().Should().Be("invalid");
        twiceReport["detail"]!.GetValue<string>().Should().Be(
            $"indicators[T1-03]: {duplicate["detail"]!.GetValue<string>().Replace(sent, twice, StringComparison.Ordinal)}");
    }

    [Fact]
    public async Task A_newer_seed_version_is_held_to_the_same_rules_and_a_refused_one_changes_nothing()
    {
        var seeded = Api.UniqueCode("SEED");
        factory.WriteSeed(1, Plan(seeded), [Indicator()], [Task()]);
        (await LoadAsync(seeded))["outcome"]!.GetValue<string>().Should().Be("created");
        var before = await (await client.GetAsync($"/api/v1/plans/{seeded}/indicators/T1-03")).JsonAsync(HttpStatusCode.OK);

        factory.WriteSeed(2, Plan(seeded), [Indicator(targetYear: 2030)], [Task()]);
        var refused = await LoadAsync(seeded);
        factory.WriteSeed(3, Plan(seeded), [Indicator(targetYear: 2024)], [Task()]);
        var accepted = await LoadAsync(seeded);

        refused["outcome"]!.GetValue<string>().Should().Be("invalid");
        refused["detail"]!.GetValue<string>().Should().StartWith("indicators[T1-03].targets[1].year: ").And.Contain("2030");
        accepted["outcome"]!.GetValue<string>().Should().Be("updated");
        var after = await (await client.GetAsync($"/api/v1/plans/{seeded}/indicators/T1-03")).JsonAsync(HttpStatusCode.OK);
        before["targets"]![1]!["year"]!.GetValue<int>().Should().Be(2025);
        after["targets"]![1]!["year"]!.GetValue<int>().Should().Be(2024);
    }
}
