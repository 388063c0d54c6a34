using EventBus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics;
using Plans.Api.RegisterMetrics.Counters;

namespace Plans.FunctionalTests;

/// <summary>
/// Two replicas applying grants in different districts at once, both of which move the municipal
/// indicator: each batch sums the counters and writes the indicator's figure. Under READ COMMITTED on
/// PostgreSQL the second would sum without the first's uncommitted grant and then overwrite the
/// first's figure with its own, losing a grant until the next event; the figures' lock makes the
/// second sum after the first commits. On SQLite the database's write lock serialises the batches.
/// </summary>
public sealed class ReplicaRefreshRaceTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    [Fact]
    public async Task Grants_applied_at_once_by_two_replicas_are_both_counted_in_the_municipal_figure()
    {
        // Two replicas of the service on one database and one set of streams, each able to stop a batch before its commit.
        using var first = new HeldBatchFactory();
        using var second = new HeldBatchFactory
        {
            DataDirectory = first.DataDirectory, DatabaseName = first.DatabaseName, StreamPrefix = first.StreamPrefix,
        };
        var client = first.CreateClient();
        second.CreateClient().Dispose();
        var stream = new EnterpriseStream(first);
        var municipal = await client.CreateBoundPlanAsync("120000");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince());
        var before = await client.ActualAsync(municipal) ?? 0;

        // A grant alone (its event places the enterprise), so one read takes it whole, by whichever replica reads first.
        first.Hold.Arm();
        second.Hold.Arm();
        stream.Publish(Granted(stream, "120118"));
        var held = await Task.WhenAny(first.Hold.Reached, second.Hold.Reached).WaitAsync(TimeSpan.FromSeconds(10));
        var (holder, other) = held == first.Hold.Reached ? (first.Hold, second.Hold) : (second.Hold, first.Hold);
        other.Disarm();

        // The holder has applied the Jinghai grant and written the municipal figure, uncommitted; the other replica reads the next.
        stream.Publish(Granted(stream, "120110"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        holder.Release();

        await client.ActualBecomesAsync(municipal, before + 2);
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await client.ActualAsync(municipal)).Should().Be(before + 2, "neither replica's figure overwrote the other's grant");
    }

    /// <summary>
    /// One batch holds the Dongli counter and then wants the Jinghai one; another's deltas came Jinghai first. Taken
    /// in the order they came, each would hold what the other wants (PostgreSQL ends such a deadlock by failing
    /// one batch, which then waits for its retry); taken in key order, the second waits for the Dongli counter
    /// without holding Jinghai's. On SQLite the second waits for the first's write lock.
    /// </summary>
    [Fact]
    public async Task Batches_lock_the_counters_they_share_in_one_order_whatever_order_their_events_came_in()
    {
        var series = $"test.order.{Guid.NewGuid():N}";
        var day = new DateOnly(2026, 11, 1);
        var jinghai = new Contribution(series, "120118", "", day);
        var dongli = new Contribution(series, "120110", "", day);
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<PlansDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<PlansDbContext>();
        await using var firstTransaction = await firstDb.Database.BeginTransactionAsync();

        await first.ServiceProvider.GetRequiredService<MetricCounters>().ApplyAsync(new Dictionary<Contribution, int> { [dongli] = 1 }, default);
        var secondApplies = Task.Run(async () =>
        {
            await using var transaction = await secondDb.Database.BeginTransactionAsync();
            await second.ServiceProvider.GetRequiredService<MetricCounters>()
                .ApplyAsync(new Dictionary<Contribution, int> { [jinghai] = 1, [dongli] = 1 }, default);
            await transaction.CommitAsync();
        });
        await Task.WhenAny(secondApplies, Task.Delay(TimeSpan.FromSeconds(1)));
        secondApplies.IsCompleted.Should().BeFalse("the second batch waits for what the first holds");
        await first.ServiceProvider.GetRequiredService<MetricCounters>().ApplyAsync(new Dictionary<Contribution, int> { [jinghai] = 1 }, default);
        await firstTransaction.CommitAsync();
        await secondApplies;

        (await firstDb.Set<MetricCount>().AsNoTracking().Where(c => c.Series == series).OrderBy(c => c.District).Select(c => c.Count).ToListAsync())
            .Should().Equal([2, 2], "both batches committed, neither chosen as a deadlock's victim");
    }

    private static IntegrationEvent Granted(EnterpriseStream stream, string district) =>
        stream.Granted(EnterpriseStream.NewQualificationId(), EnterpriseStream.NewCreditCode(district), "HighTech", district, null, null);
}
