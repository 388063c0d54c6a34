using System.Net;
using Microsoft.Extensions.Options;

namespace Platforms.FunctionalTests;

/// <summary>Types the documents name that the catalog lacks are added by configuration (PlatformTypes).</summary>
public class PlatformTypeConfigurationTests(PlatformTypeConfigurationTests.Factory factory) : IClassFixture<PlatformTypeConfigurationTests.Factory>
{
    public sealed class Factory : PlatformsApiFactory
    {
        public Factory() => Settings = new()
        {
            ["PlatformTypes:0:Key"] = "TechTransferCenter",
            ["PlatformTypes:0:Name"] = "技术转移中心",
            ["PlatformTypes:0:NameEn"] = "Technology transfer centre",
            ["PlatformTypes:0:Levels:0"] = "municipal",
            ["PlatformTypes:0:Grading"] = "Letters",
            ["PlatformTypes:0:TakesTenants"] = "true",
            ["PlatformTypes:0:RectificationMonths"] = "6",
            ["PlatformTypes:1:Key"] = "HaiheLab",
            ["PlatformTypes:1:Name"] = "海河实验室",
            ["PlatformTypes:1:Levels:0"] = "municipal",
            ["PlatformTypes:1:Levels:1"] = "national",
            ["PlatformTypes:1:Grading"] = "Score",
        };
    }

    [Fact]
    public async Task A_configured_type_is_listed_accredited_graded_and_takes_tenants_by_its_configuration()
    {
        var client = factory.CreateClient();

        var types = (await (await client.GetAsync("/api/v1/platforms/types")).JsonAsync(HttpStatusCode.OK)).AsArray();
        var id = await client.AccreditIdAsync(Api.Platform("techtransfercenter", "municipal", approvedOn: "2020-01-01"));
        var failed = await (await client.EvaluateAsync(id, 2025, "D", evaluatedOn: "2026-01-10")).JsonAsync(HttpStatusCode.Created);

        types[^1]!["key"]!.GetValue<string>().Should().Be("TechTransferCenter");
        types.Single(t => t!["key"]!.GetValue<string>() == "HaiheLab")!["grading"]!.GetValue<string>().Should().Be("score");
        (await (await client.GetAsync($"/api/v1/platforms/{id}")).JsonAsync(HttpStatusCode.OK))["type"]!.GetValue<string>().Should().Be("TechTransferCenter");
        failed["rectificationOpened"]!["dueOn"]!.GetValue<string>().Should().Be("2026-07-10");
        await (await client.PostJsonAsync($"/api/v1/platforms/{id}/tenants", new { team = new { name = "团队", leaderName = "王", members = 2 } }))
            .JsonAsync(HttpStatusCode.Created);
        await client.AccreditAsync(Api.Platform("HaiheLab", "national"));
    }
}

public class InvalidPlatformTypeConfigurationTests
{
    [Theory]
    [InlineData("PlatformTypes:0:Key", "incubator2", "key 'incubator2'")]
    [InlineData("PlatformTypes:0:RectificationMonths", "0", "rectification period")]
    [InlineData("PlatformTypes:0:Designations:0", "Specialized Space", "designations")]
    public void A_faulty_type_stops_the_service_at_start_up_naming_the_fault(string key, string value, string message)
    {
        var settings = new Dictionary<string, string>
        {
            ["PlatformTypes:0:Key"] = "TechTransferCenter",
            ["PlatformTypes:0:Name"] = "技术转移中心",
            ["PlatformTypes:0:Levels:0"] = "municipal",
        };
        settings[key] = value;
        using var factory = new PlatformsApiFactory { Settings = settings };

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(message);
    }
}
