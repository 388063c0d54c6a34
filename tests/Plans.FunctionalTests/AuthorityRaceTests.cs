using System.Net;
using System.Net.Http.Json;
using EventBus;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Plans.FunctionalTests;

/// <summary>The Plans service with a hold at the end of its event batches: a test can stop a batch after its work, before it commits.</summary>
public sealed class HeldBatchFactory : PlansApiFactory
{
    public BatchHold Hold { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // After the service's own observers: the batch has applied its events and refreshed its indicators when it stops here.
        builder.ConfigureTestServices(services => services.AddScoped<IEventBatchObserver>(_ => Hold));
    }
}

/// <summary>Once armed, stops the next batch to complete until released, and says when it got there.</summary>
public sealed class BatchHold : IEventBatchObserver
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int armed;

    public Task Reached => reached.Task;

    public void Arm() => Volatile.Write(ref armed, 1);

    public void Disarm() => Volatile.Write(ref armed, 0);

    public void Release() => released.TrySetResult();

    public async Task CompletedAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref armed, 0) == 1)
        {
            reached.TrySetResult();
            await released.Task.WaitAsync(cancellationToken);
        }
    }
}

/// <summary>
/// A register made authoritative while a batch of its events is in flight: the statement's refresh must
/// count the batch, or the batch must read the statement. Neither may miss the other (under READ
/// COMMITTED on PostgreSQL each would, without the register's lock).
/// </summary>
public sealed class AuthorityRaceTests(HeldBatchFactory factory) : IClassFixture<HeldBatchFactory>
{
    private readonly HttpClient client = factory.CreateClient();
    private readonly EnterpriseStream stream = new(factory);

    [Fact]
    public async Task A_grant_applied_but_not_committed_when_the_register_becomes_authoritative_is_still_counted()
    {
        var jinghai = await client.CreateBoundPlanAsync("120118");
        factory.Hold.Arm();
        var creditCode = EnterpriseStream.NewCreditCode("120118");
        stream.PublishAll([
            EventEnvelope.Wrap(stream.Registered(creditCode, "120118"), "enterprises"),
            EventEnvelope.Wrap(stream.Granted(EnterpriseStream.NewQualificationId(), creditCode, "HighTech", "120118", null, null), "enterprises"),
        ]);
        // The batch has applied the grant and refreshed while no statement stood; it now waits, uncommitted.
        await factory.Hold.Reached.WaitAsync(TimeSpan.FromSeconds(10));

        var statement = client.PutAsJsonAsync("/api/v1/regions/120118/registers/enterprises", new { authoritative = true, since = "2026-01-01" });
        await Task.WhenAny(statement, Task.Delay(TimeSpan.FromSeconds(1)));
        statement.IsCompleted.Should().BeFalse("the statement waits for the batch of the register's events in flight");
        factory.Hold.Release();

        (await statement).StatusCode.Should().Be(HttpStatusCode.OK);
        await client.ActualBecomesAsync(jinghai, 1);
        (await client.ProgressOfAsync(jinghai))["metricStatus"]!.GetValue<string>().Should().Be("live");
    }
}
