namespace ServiceDefaults.Messaging;

/// <summary>What became of a claim on a period's run of some work.</summary>
public enum WorkRun
{
    /// <summary>This replica claimed the period's run and ran it to the end.</summary>
    Ran,

    /// <summary>The period's run was done before, by this or another replica.</summary>
    Done,

    /// <summary>Another replica holds the period's run now: ask again later, it may die before it is done.</summary>
    Running,
}

/// <summary>
/// Which replica runs a piece of shared work (a daily pass, a start-up reconciliation) for a period:
/// the first that claims it; the others find it running or done. A claim is a lease that the holder
/// keeps alive while it works, so one that dies loses it within the lease time and another replica
/// takes the period over.
/// </summary>
public interface IWorkLeases
{
    /// <summary>
    /// Claims the run of <paramref name="work"/> for <paramref name="period"/> (a number that grows with
    /// time: a day, an interval since the epoch). Null when it is done or held by another replica
    /// (the outcome says which).
    /// </summary>
    Task<(IWorkLease? Lease, WorkRun Outcome)> TryClaimAsync(string work, long period, CancellationToken cancellationToken);
}

/// <summary>A claim held: disposing it without completing releases it for another replica to take.</summary>
public interface IWorkLease : IAsyncDisposable
{
    /// <summary>Cancelled when the lease could not be kept alive and may have passed to another replica.</summary>
    CancellationToken Lost { get; }

    /// <summary>Records the period's run as done, for every replica, and releases the lease.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}

public static class WorkLeaseExtensions
{
    /// <summary>
    /// Runs <paramref name="run"/> for the period unless its run is done or held elsewhere; the work is
    /// cancelled if the lease is lost. A run that throws leaves the period undone, for the next claim.
    /// </summary>
    public static async Task<WorkRun> RunOnceAsync(this IWorkLeases leases, string work, long period,
        Func<CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        var (lease, outcome) = await leases.TryClaimAsync(work, period, cancellationToken);
        if (lease is null)
        {
            return outcome;
        }

        await using (lease)
        {
            using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            await run(held.Token);
            await lease.CompleteAsync(cancellationToken);
            return WorkRun.Ran;
        }
    }
}
