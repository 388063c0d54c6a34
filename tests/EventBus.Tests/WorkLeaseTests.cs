using ServiceDefaults.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace EventBus.Tests;

/// <summary>
/// Work leases between two replicas of one service on a real Redis, with a lease time of three seconds (renewed every
/// second): room for a renewal late by two seconds. A one-second lease, and then a two-second one, were lost in CI
/// while the other test classes started their hosts and redis-servers beside it on two cores, so the class also runs
/// alone (<see cref="LeaseTimingCollection"/>).
/// </summary>
[Collection(LeaseTimingCollection.Name)]
public sealed class WorkLeaseTests : IAsyncLifetime
{
    private readonly RedisServer redis = new();
    private readonly string prefix = $"t{Guid.NewGuid():N}:";
    private readonly string directory = Directory.CreateTempSubdirectory("work-leases").FullName;
    private TestService first = null!;
    private TestService second = null!;
    private bool firstDied;

    public Task InitializeAsync()
    {
        first = Replica();
        second = Replica();
        return Task.CompletedTask;
    }

    private TestService Replica() => new(redis.ConnectionString, prefix, "nightly", Path.Combine(directory, "nightly.db"),
        settings: new() { ["EventBus:WorkLeaseTime"] = "00:00:03" });

    private static IWorkLeases LeasesOf(TestService replica) => replica.Services.GetRequiredService<IWorkLeases>();

    [Fact]
    public async Task One_replica_claims_a_period_the_other_finds_it_running_while_it_is_renewed_then_done()
    {
        var (lease, outcome) = await LeasesOf(first).TryClaimAsync("expiry", 7, CancellationToken.None);
        outcome.Should().Be(WorkRun.Ran);
        lease.Should().NotBeNull();

        (await LeasesOf(second).TryClaimAsync("expiry", 7, CancellationToken.None)).Should().Be(((IWorkLease?)null, WorkRun.Running));
        await Task.Delay(TimeSpan.FromSeconds(7));
        (await LeasesOf(second).TryClaimAsync("expiry", 7, CancellationToken.None)).Outcome.Should().Be(WorkRun.Running,
            "the holder renews its lease past the lease time");
        lease!.Lost.IsCancellationRequested.Should().BeFalse();

        await lease.CompleteAsync(CancellationToken.None);
        await lease.DisposeAsync();
        (await LeasesOf(second).TryClaimAsync("expiry", 7, CancellationToken.None)).Outcome.Should().Be(WorkRun.Done);
        (await LeasesOf(second).TryClaimAsync("expiry", 6, CancellationToken.None)).Outcome.Should().Be(WorkRun.Done, "an earlier period is done too");
        (await LeasesOf(first).TryClaimAsync("review", 7, CancellationToken.None)).Outcome.Should().Be(WorkRun.Ran, "other work is claimed apart");
        var (next, nextOutcome) = await LeasesOf(second).TryClaimAsync("expiry", 8, CancellationToken.None);
        nextOutcome.Should().Be(WorkRun.Ran, "the next period is claimed anew");
        await next!.DisposeAsync();
    }

    [Fact]
    public async Task A_replica_that_dies_holding_a_period_loses_it_to_the_other_within_the_lease_time()
    {
        var (lease, _) = await LeasesOf(first).TryClaimAsync("expiry", 1, CancellationToken.None);
        lease.Should().NotBeNull();

        // The process goes away without releasing: its Redis connection closes and the renewals stop.
        await first.DisposeAsync();
        firstDied = true;
        var taken = DateTime.UtcNow;
        await Eventually.HoldsAsync(async () => await LeasesOf(second).RunOnceAsync("expiry", 1, _ => Task.CompletedTask, CancellationToken.None) == WorkRun.Ran,
            "the other replica runs the period once the lease runs out", seconds: 10);
        (DateTime.UtcNow - taken).Should().BeGreaterThan(TimeSpan.FromSeconds(1), "the lease held until it ran out");
        await Eventually.HoldsAsync(() => Task.FromResult(lease!.Lost.IsCancellationRequested), "the dead holder's lease is reported lost", seconds: 10);
        (await LeasesOf(second).TryClaimAsync("expiry", 1, CancellationToken.None)).Outcome.Should().Be(WorkRun.Done);
    }

    [Fact]
    public async Task A_run_that_fails_leaves_its_period_to_the_next_claim_at_once()
    {
        var failing = () => LeasesOf(first).RunOnceAsync("expiry", 3, _ => throw new InvalidOperationException("the database is away"), CancellationToken.None);
        await failing.Should().ThrowAsync<InvalidOperationException>();

        var runs = 0;
        (await LeasesOf(second).RunOnceAsync("expiry", 3, _ => { runs++; return Task.CompletedTask; }, CancellationToken.None)).Should().Be(WorkRun.Ran);
        (await LeasesOf(first).RunOnceAsync("expiry", 3, _ => { runs++; return Task.CompletedTask; }, CancellationToken.None)).Should().Be(WorkRun.Done);
        runs.Should().Be(1);
    }

    public async Task DisposeAsync()
    {
        if (!firstDied)
        {
            await first.DisposeAsync();
        }

        await second.DisposeAsync();
        redis.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}

/// <summary>A collection that runs alone, so the leases' renewals are not timed against other classes' start-up.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LeaseTimingCollection
{
    public const string Name = "lease timing";
}
