using Microsoft.EntityFrameworkCore;
using Persistence.Data;
using Plans.Api.Data;
using SharedKernel.Regions;

namespace Plans.Api.RegisterMetrics.Counters;

/// <summary>The counters: changed by delta, replaced by a rebuild, summed for a metric.</summary>
public sealed class MetricCounters(PlansDbContext db)
{
    private static readonly string[] Key = [nameof(MetricCount.Series), nameof(MetricCount.District), nameof(MetricCount.Zone), nameof(MetricCount.Day)];
    private static readonly string[] Value = [nameof(MetricCount.Count)];

    /// <summary>
    /// Adds the deltas to the counters (one upsert per 500 of them); zero deltas write nothing. The rows go in
    /// key order, so two replicas' batches lock the counters they share in the same order and never deadlock.
    /// </summary>
    public Task ApplyAsync(IReadOnlyDictionary<Contribution, int> deltas, CancellationToken ct) =>
        BulkSql.UpsertAsync<MetricCount>(db, Key, Value, addUp: true,
            deltas.Where(d => d.Value != 0)
                .OrderBy(d => d.Key.Series, StringComparer.Ordinal).ThenBy(d => d.Key.District, StringComparer.Ordinal)
                .ThenBy(d => d.Key.Zone, StringComparer.Ordinal).ThenBy(d => d.Key.Day)
                .Select(d => Row(d.Key, d.Value)), ct);

    /// <summary>Replaces every counter of the register's series with the contributions, counted.</summary>
    public async Task ReplaceAsync(string register, IEnumerable<Contribution> contributions, CancellationToken ct)
    {
        var prefix = register + ".";
        await db.Set<MetricCount>().Where(c => c.Series.StartsWith(prefix)).ExecuteDeleteAsync(ct);
        var counted = contributions.CountBy(c => c);
        await BulkSql.InsertAsync<MetricCount>(db, [.. Key, .. Value], counted.Select(c => Row(c.Key, c.Value)), ct);
    }

    /// <summary>
    /// The sum of the series over the places within the region (an entity counts where its district or its zone
    /// lies, once: it is one row) and the days from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public async Task<long> SumAsync(IReadOnlyCollection<string> series, string region, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var places = RegionCodes.Within(region).ToList();
        return await db.Set<MetricCount>().AsNoTracking()
            .Where(c => series.Contains(c.Series) && (places.Contains(c.District) || places.Contains(c.Zone)) && c.Day >= from && c.Day <= to)
            .SumAsync(c => (long)c.Count, ct);
    }

    private static object?[] Row(Contribution c, int count) => [c.Series, c.District, c.Zone, c.Day, count];
}
