using EventBus;
using Plans.Api.RegisterMetrics.Refresh;

namespace Plans.Api.RegisterMetrics.Counters;

/// <summary>A series at one place (a district or a zone) whose counts may have changed.</summary>
public readonly record struct TouchedCounter(string Series, string Place);

/// <summary>
/// What a batch of events does to the counters. Handlers report each changed entity's
/// contributions before and after the change. When the batch completes, the differences of all its
/// events go to the counters in one upsert and the indicators concerned are refreshed once, all in
/// the batch's transaction (a batch that fails drops this instance with it): cost per event does
/// not grow with the register.
/// </summary>
public sealed class CounterChanges(MetricCounters counters, MetricRefresher refresher) : IEventBatchObserver
{
    private readonly Dictionary<Contribution, int> batch = [];
    private readonly HashSet<TouchedCounter> touched = [];

    /// <summary>
    /// An entity of a copy changed: it contributed <paramref name="before"/> and now contributes
    /// <paramref name="after"/> (each a multiset). Every series and place of either is refreshed at the
    /// end of the batch, even when the counts do not move: a change that moves no count (an expiry
    /// recorded after its day) still brings a figure up to date.
    /// </summary>
    public void Replace(IEnumerable<Contribution> before, IEnumerable<Contribution> after)
    {
        foreach (var c in before)
        {
            Add(c, -1);
        }

        foreach (var c in after)
        {
            Add(c, +1);
        }
    }

    public async Task CompletedAsync(CancellationToken cancellationToken)
    {
        if (touched.Count == 0)
        {
            return;
        }

        await counters.ApplyAsync(batch, cancellationToken);
        await refresher.RefreshAsync(touched, cancellationToken);
        batch.Clear();
        touched.Clear();
    }

    private void Add(Contribution c, int delta)
    {
        batch[c] = batch.GetValueOrDefault(c) + delta;
        touched.Add(new TouchedCounter(c.Series, c.District));
        if (c.Zone.Length > 0)
        {
            touched.Add(new TouchedCounter(c.Series, c.Zone));
        }
    }
}
