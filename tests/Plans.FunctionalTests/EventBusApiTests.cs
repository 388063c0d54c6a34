using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Plans.FunctionalTests;

/// <summary>Plans with quick retries, so that failing entries reach the dead letters within a test.</summary>
public sealed class QuickRetryPlansApiFactory : PlansApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("EventBus:RetryAfter", "00:00:00.300");
        builder.UseSetting("EventBus:MaxDeliveries", "2");
    }
}

/// <summary>The operator's view of the event bus: status and dead letters, through HTTP.</summary>
public class EventBusApiTests(QuickRetryPlansApiFactory factory) : IClassFixture<QuickRetryPlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private string AppendToEnterprisesStream(params string[] fieldValues)
    {
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < fieldValues.Length; i += 2)
        {
            fields.Add(KeyValuePair.Create(fieldValues[i], fieldValues[i + 1]));
        }

        return TestRedis.Append(factory.StreamPrefix + "enterprises", fields);
    }

    private async Task<System.Text.Json.Nodes.JsonArray> DeadLettersAsync() =>
        (await (await client.GetAsync("/api/v1/events/plans/dead-letters")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();

    [Fact]
    public async Task Only_an_admin_sees_the_event_bus()
    {
        (await factory.ClientWith(null).GetAsync("/api/v1/events/plans/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await factory.ClientWith(ServiceApiFactory<Program>.Issuer.Token("plans.read plans.write")).GetAsync("/api/v1/events/plans/dead-letters"))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var status = await (await client.GetAsync("/api/v1/events/plans/status")).JsonAsync(HttpStatusCode.OK);
        status["outboxPending"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task An_unreadable_entry_is_listed_cannot_be_replayed_and_can_be_discarded()
    {
        var entryId = AppendToEnterprisesStream("garbage", "written by hand");
        await Eventually.HoldsAsync(async () => (await DeadLettersAsync()).Any(l => l!["entryId"]!.GetValue<string>() == entryId),
            "the entry is dead-lettered");
        var letter = (await DeadLettersAsync()).Single(l => l!["entryId"]!.GetValue<string>() == entryId)!;
        var id = letter["id"]!.GetValue<string>();
        letter["stream"]!.GetValue<string>().Should().Be(factory.StreamPrefix + "enterprises");
        letter["error"]!.GetValue<string>().Should().Contain("no event id");
        (await (await client.GetAsync($"/api/v1/events/plans/dead-letters/{id}")).JsonAsync(HttpStatusCode.OK))["event"]!["garbage"]!
            .GetValue<string>().Should().Be("written by hand");

        await (await client.PostAsync($"/api/v1/events/plans/dead-letters/{id}/replay", null)).ProblemAsync(HttpStatusCode.Conflict, "deadLetterUnreadable");
        (await client.DeleteAsync($"/api/v1/events/plans/dead-letters/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await client.GetAsync($"/api/v1/events/plans/dead-letters/{id}")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.DeleteAsync($"/api/v1/events/plans/dead-letters/{id}")).ProblemAsync(HttpStatusCode.NotFound, "notFound");
        await (await client.GetAsync("/api/v1/events/plans/dead-letters/not-an-id")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await client.GetAsync("/api/v1/events/plans/dead-letters/99999999999999999999-0")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await client.GetAsync("/api/v1/events/plans/dead-letters?after=1-99999999999999999999")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await client.GetAsync("/api/v1/events/plans/dead-letters?limit=0")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    [Fact]
    public async Task An_event_the_handler_cannot_read_is_dead_lettered_after_the_maximum_deliveries_and_replayed_onto_its_stream()
    {
        var eventId = Guid.NewGuid().ToString();
        AppendToEnterprisesStream("id", eventId, "type", "QualificationGranted", "occurredAt", "2026-11-21T08:00:00Z",
            "source", "enterprises", "schemaVersion", "1", "payload", "{\"qualificationId\":\"not a number\"}");

        await Eventually.HoldsAsync(async () => (await DeadLettersAsync()).Any(l => l!["event"]!["id"]!.GetValue<string>() == eventId),
            "the poison event is dead-lettered");
        var letter = (await DeadLettersAsync()).Single(l => l!["event"]!["id"]!.GetValue<string>() == eventId)!;
        letter["deliveries"]!.GetValue<long>().Should().Be(2);
        letter["error"]!.GetValue<string>().Should().Contain("JsonException");

        var replay = await (await client.PostAsync($"/api/v1/events/plans/dead-letters/{letter["id"]}/replay", null)).JsonAsync(HttpStatusCode.OK);
        replay["stream"]!.GetValue<string>().Should().Be(factory.StreamPrefix + "enterprises");

        // Still unreadable: it fails again and comes back as a new dead letter of the same event.
        await Eventually.HoldsAsync(async () => (await DeadLettersAsync()).Any(l =>
                l!["event"]!["id"]!.GetValue<string>() == eventId && l["entryId"]!.GetValue<string>() == replay["entryId"]!.GetValue<string>()),
            "the replayed entry is delivered, fails and is dead-lettered again");
        (await DeadLettersAsync()).Count(l => l!["event"]!["id"]!.GetValue<string>() == eventId).Should().Be(1, "the replayed letter left the list");
    }
}
