using Npgsql;
using SharedKernel.Time;

namespace MetricEngineBench;

/// <summary>
/// The platforms burst of issue #13: a backlog of PlatformAccredited events, as <see cref="Backlog"/>
/// measures the enterprises' grants. As many active incubators as a grant backlog holds are accredited
/// in Jinghai through the gateway while Plans is stopped; the rate at which Plans then applies them is
/// read from its inbox and printed beside the enterprises' rate measured in the same run, with their
/// ratio (the issue asks for the platforms' rate within 20 % of the enterprises').
/// </summary>
internal static class PlatformsBurst
{
    /// <summary>Runs the burst, prints both rates and CPU times per event with their ratios, and returns the platforms' figures.</summary>
    /// <param name="enterprises">The enterprises' backlog of the same run, for the same number of events.</param>
    public static async Task<Drained> RunAsync(Gateway gateway, Backlog backlog, Settings settings, Drained enterprises)
    {
        var count = settings.RateBurst;
        await gateway.MakeAuthoritativeAsync("120000", "platforms");
        var incubators = await gateway.ActualAsync("JH-STI-14FYP", "T1-11");
        var run = Guid.NewGuid().ToString("N")[..8];
        var approvedOn = TimeProvider.System.Today().AddDays(-1);
        var started = DateTimeOffset.UtcNow;
        await backlog.StopPlansAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency },
            async (i, _) => await gateway.AccreditIncubatorAsync($"基准测试孵化器{run}-{i}", approvedOn));
        var publisher = new Publisher(new NpgsqlConnectionStringBuilder(settings.EnterprisesDatabase) { Database = "platforms" }.ConnectionString,
            "PlatformAccredited");
        var drained = await backlog.DrainAsync(publisher, count, started, settings.Timeout);
        await Polling.UntilAsync(async () => await gateway.ActualAsync("JH-STI-14FYP", "T1-11") >= incubators + count, TimeSpan.FromMilliseconds(100),
            settings.Timeout, "Jinghai T1-11 did not count the platforms burst");
        Console.WriteLine($"platforms: a backlog of {count:N0} accreditations applied at {drained}; enterprises in this run {enterprises}: " +
            $"platforms at {drained.Rate / enterprises.Rate:P0} of the enterprises' rate (issue #13: within 20 %), " +
            $"{drained.PlansCpuMicros / enterprises.PlansCpuMicros:P0} of their Plans CPU per event");
        return drained;
    }
}
