namespace EndToEnd.Tests;

/// <summary>
/// deploy/run.sh's own promise: Ctrl-C stops every process it started. In the system collection so
/// that its second system does not start while the timed tests run on the shared one.
/// </summary>
[Collection(SystemCollection.Name)]
public class RunScriptTests
{
    [Fact]
    public async Task Ctrl_c_stops_the_gateway_the_services_and_redis()
    {
        var system = new SystemFixture();
        await system.InitializeAsync();
        SystemFixture.IsListening(system.GatewayPort).Should().BeTrue();
        SystemFixture.IsListening(system.EnterprisesPort).Should().BeTrue();

        var exitCode = await system.StopAsync();

        exitCode.Should().Be(0, system.Output);
        SystemFixture.IsListening(system.GatewayPort).Should().BeFalse();
        SystemFixture.IsListening(system.PlansPort).Should().BeFalse();
        SystemFixture.IsListening(system.EnterprisesPort).Should().BeFalse();
        SystemFixture.IsListening(system.PlatformsPort).Should().BeFalse();
        SystemFixture.IsListening(system.TalentPort).Should().BeFalse();
        SystemFixture.IsListening(system.RedisPort).Should().BeFalse();
        system.Output.Should().Contain("Stopped.");
        await system.DisposeAsync();
    }
}
