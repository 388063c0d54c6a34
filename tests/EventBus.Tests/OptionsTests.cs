using Microsoft.Extensions.Options;

namespace EventBus.Tests;

/// <summary>The bus's settings are checked when the service starts, so a setting it could not run with stops the start.</summary>
public sealed class OptionsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("eventbus-options-").FullName;

    [Theory]
    [InlineData("EventBus:StreamPollInterval", "30.00:00:00")]
    [InlineData("EventBus:OutboxPollInterval", "30.00:00:00")]
    [InlineData("EventBus:StreamPollInterval", "00:00:00")]
    [InlineData("EventBus:WorkLeaseTime", "90.00:00:00")]
    [InlineData("EventBus:Retention", "-1.00:00:00")]
    [InlineData("EventBus:Retention", "00:00:00.500")]
    [InlineData("EventBus:Retention", "1000000.00:00:00")]
    public async Task A_duration_the_bus_could_not_run_with_stops_the_service_at_start(string setting, string value)
    {
        // A wait of more than int.MaxValue milliseconds throws, so a consumer or a relay polling that rarely would fail at
        // every round instead of reading, and a lease renewed every third of 90 days would fail the work it holds. A
        // retention shorter than an event's redeliveries (here 0.3 s times 3) deletes the inbox rows that keep a redelivered
        // event from being applied twice; one reaching back past the year 1 makes the relay's clean-up throw after every batch.
        await using var service = new TestService("127.0.0.1:1", "t:", "billing", Path.Combine(directory, "billing.db"),
            consumes: ["shipping"], settings: new() { [setting] = value });

        var started = () => service.StartWithoutRedisAsync();

        (await started.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should()
            .Contain("StreamPollInterval and OutboxPollInterval positive and at most a day");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
