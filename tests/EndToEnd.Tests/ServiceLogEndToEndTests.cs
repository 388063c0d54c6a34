using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

/// <summary>What an operator reads in each service's log (DATA_DIR/logs/NAME.log, one JSON object a line) after a start.</summary>
[Collection(SystemCollection.Name)]
public class ServiceLogEndToEndTests(SystemFixture system)
{
    [Theory]
    [InlineData("enterprises")]
    [InlineData("plans")]
    [InlineData("platforms")]
    [InlineData("talent")]
    public async Task A_start_logs_the_service_s_readiness_and_none_of_the_Redis_client_s_connection_handshake(string service)
    {
        var entries = (await File.ReadAllLinesAsync(Path.Combine(system.DataDirectory, "logs", service + ".log")))
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonNode.Parse(line)!)
            .ToList();

        entries.Should().Contain(e => e["EventId"]!.GetValue<int>() == 7101, "the service logs its own start");
        entries.Where(e => e["Category"]!.GetValue<string>().StartsWith("StackExchange.Redis", StringComparison.Ordinal))
            .Select(e => e["LogLevel"]!.GetValue<string>())
            .Should().NotContain(level => level == "Trace" || level == "Debug" || level == "Information",
                "the client's forty lines of handshake at Information buried the service's own log; its warnings and errors still show");
    }
}
