using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>Broken seed files are reported one by one; they neither stop the service nor the other plans.</summary>
public class SeedFaultTests : IClassFixture<SeededPlansApiFactory>
{
    private readonly HttpClient client;

    public SeedFaultTests(SeededPlansApiFactory factory)
    {
        var plans = Path.Combine(factory.SeedsDirectory, "plans");
        File.WriteAllText(Path.Combine(plans, "ZZ-BROKEN.json"), "{ \"seedVersion\": 1, \"plan\": ");
        var orphan = JsonNode.Parse(File.ReadAllText(Path.Combine(plans, "BD-STI-14FYP.json")))!;
        orphan["plan"]!["code"] = "ZZ-NODOC";
        orphan["document"] = "documents/missing.txt";
        File.WriteAllText(Path.Combine(plans, "ZZ-NODOC.json"), orphan.ToJsonString());
        client = factory.CreateClient();
    }

    [Fact]
    public async Task A_malformed_file_and_a_missing_document_are_invalid_and_the_five_plans_load()
    {
        var report = await (await client.PostAsync("/api/v1/seeds/load", null)).JsonAsync(HttpStatusCode.OK);

        var outcomes = report["plans"]!.AsArray().ToDictionary(p => p!["code"]!.GetValue<string>(), p => p!);
        outcomes["ZZ-BROKEN"]["outcome"]!.GetValue<string>().Should().Be("invalid");
        outcomes["ZZ-BROKEN"]["detail"]!.GetValue<string>().Should().Contain("Not a valid seed file");
        outcomes["ZZ-NODOC"]["outcome"]!.GetValue<string>().Should().Be("invalid");
        outcomes["ZZ-NODOC"]["detail"]!.GetValue<string>().Should().Contain("documents/missing.txt");
        outcomes.Where(p => !p.Key.StartsWith("ZZ-", StringComparison.Ordinal)).Select(p => p.Value["outcome"]!.GetValue<string>())
            .Should().HaveCount(5).And.OnlyContain(o => o == "unchanged", "they were loaded at start-up despite the broken files");
        await (await client.GetAsync("/api/v1/plans/ZZ-NODOC")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }
}
