using System.Net;
using System.Text.Json.Nodes;

namespace Plans.FunctionalTests;

/// <summary>Broken seed files are reported one by one; they neither stop the service nor the other plans.</summary>
public class SeedFaultTests : IClassFixture<SeededPlansApiFactory>
{
    private readonly SeededPlansApiFactory factory;
    private readonly HttpClient client;

    public SeedFaultTests(SeededPlansApiFactory factory)
    {
        this.factory = factory;
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

    [Fact]
    public async Task A_file_at_a_loaded_version_is_read_no_further_than_its_version_and_a_repeated_member_is_refused()
    {
        var plans = Path.Combine(factory.SeedsDirectory, "plans");
        var loaded = JsonNode.Parse(File.ReadAllText(Path.Combine(plans, "JH-STI-14FYP.json")))!;
        loaded["tasks"]!.AsArray().Add(null);
        loaded["document"] = "documents/missing.txt";
        File.WriteAllText(Path.Combine(plans, "JH-STI-14FYP.json"), loaded.ToJsonString());
        File.WriteAllText(Path.Combine(plans, "ZZ-TWICE.json"), """{ "seedVersion": 1, "seedVersion": 2, "plan": { "code": "ZZ-TWICE" } }""");

        var report = await (await client.PostAsync("/api/v1/seeds/load", null)).JsonAsync(HttpStatusCode.OK);

        var outcomes = report["plans"]!.AsArray().ToDictionary(p => p!["code"]!.GetValue<string>(), p => p!);
        outcomes["JH-STI-14FYP"]["outcome"]!.GetValue<string>().Should().Be("unchanged", "its version was loaded at start-up");
        outcomes["ZZ-TWICE"]["outcome"]!.GetValue<string>().Should().Be("invalid");
        outcomes["ZZ-TWICE"]["detail"]!.GetValue<string>().Should().Contain("Not a valid seed file").And.Contain("seedVersion");
    }
}
