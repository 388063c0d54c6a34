using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>A corrected transcription (a newer seed version) against a system whose users have been at work.</summary>
public class SeedUpdateTests(SeededPlansApiFactory factory) : IClassFixture<SeededPlansApiFactory>
{
    private const string Plan = "DL-STI-AP-2020-2022";
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_newer_seed_updates_what_it_wrote_and_leaves_what_users_changed()
    {
        var edited = $"/api/v1/plans/{Plan}/tasks/{Uri.EscapeDataString("三.(三).6")}";
        await (await client.PatchAsync(edited, new { status = "inProgress", progressNote = "人才政策已出台" }, "\"1\"")).JsonAsync(HttpStatusCode.OK);
        var seedPath = Path.Combine(factory.SeedsDirectory, "plans", $"{Plan}.json");
        var seed = JsonNode.Parse(await File.ReadAllTextAsync(seedPath))!;
        seed["seedVersion"] = seed["seedVersion"]!.GetValue<int>() + 1;
        foreach (var task in seed["tasks"]!.AsArray().Where(t => t!["code"]!.GetValue<string>() is "三.(三).6" or "三.(三).7"))
        {
            task!["title"] = task["title"]!.GetValue<string>() + "（修订）";
        }

        seed["indicators"]![0]!["notes"] = "转录更正";
        await File.WriteAllTextAsync(seedPath, seed.ToJsonString());

        var report = await (await client.PostAsync("/api/v1/seeds/load", null)).JsonAsync(HttpStatusCode.OK);

        var dongli = report["plans"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == Plan)!;
        dongli["outcome"]!.GetValue<string>().Should().Be("updated");
        dongli["keptUserEdits"]!.GetValue<int>().Should().Be(1);
        report["plans"]!.AsArray().Where(p => p!["code"]!.GetValue<string>() != Plan)
            .Should().OnlyContain(p => p!["outcome"]!.GetValue<string>() == "unchanged");
        var untouched = await (await client.GetAsync($"/api/v1/plans/{Plan}/tasks/{Uri.EscapeDataString("三.(三).7")}")).JsonAsync(HttpStatusCode.OK);
        untouched["title"]!.GetValue<string>().Should().EndWith("（修订）");
        var userEdited = await (await client.GetAsync(edited)).JsonAsync(HttpStatusCode.OK);
        userEdited["title"]!.GetValue<string>().Should().NotEndWith("（修订）");
        userEdited["progressNote"]!.GetValue<string>().Should().Be("人才政策已出台");
        var indicator = await (await client.GetAsync($"/api/v1/plans/{Plan}/indicators/{seed["indicators"]![0]!["code"]!.GetValue<string>()}")).JsonAsync(HttpStatusCode.OK);
        indicator["notes"]!.GetValue<string>().Should().Be("转录更正");

        var again = await (await client.PostAsync("/api/v1/seeds/load", null)).JsonAsync(HttpStatusCode.OK);
        again["plans"]!.AsArray().Should().HaveCount(5).And.OnlyContain(p => p!["outcome"]!.GetValue<string>() == "unchanged");
    }
}
