using System.Diagnostics;
using MetricEngineBench;
using Npgsql;
using SharedKernel.Time;

// Measures the live-metric engine from outside, as issue #10 asks: the register grows to 10,000
// and 100,000 enterprises; at each size Plans reconciles its copy, a burst of HighTech grants goes
// through the gateway at a fixed concurrency, and the rate at which Plans applies the events is read
// from its inbox (the time each event was applied); the same for a burst of platform accreditations
// (PlatformsBurst, issue #13), beside the largest size's rate. Then 5,000 grants in one burst, and 200 grants
// one after another, each timed until both bound indicators (Jinghai T1-04, municipal T1-05) show it.
var settings = Settings.From(args);
var register = new Register(settings.EnterprisesDatabase, seed: 20261201);
var backlog = new Backlog(settings.PlansPid, settings.PostgresPid, settings.PlansDatabase);
using var gateway = new Gateway(new Uri(settings.Gateway));
await gateway.SignInAsync(settings.ClientId, settings.ClientSecret);
await gateway.MakeAuthoritativeAsync("120000");
var free = new Queue<string>();
var enqueued = 0;
var rates = new List<(int Size, Drained Drained)>();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores");
var needed = settings.Warmup + settings.Sizes.Count * settings.RateBurst + settings.Burst + settings.Sequential;
if (settings.Sizes.Max(s => s.Size) / 5 < needed)
{
    throw new ArgumentException($"The bursts and sequential grants need {needed:N0} free Jinghai enterprises; the largest size gives {settings.Sizes.Max(s => s.Size) / 5:N0}.");
}

foreach (var (size, valid) in settings.Sizes)
{
    await register.GrowAsync(size, valid);
    foreach (var code in register.FreeInJinghai().Skip(enqueued))
    {
        free.Enqueue(code);
        enqueued++;
    }

    var reconciled = await gateway.ReconcileAsync();
    Console.WriteLine($"register {size:N0} enterprises, {register.Qualifications:N0} valid HighTech: reconciliation {reconciled.TotalSeconds:0.0} s");
    if (rates.Count == 0 && settings.Warmup > 0)
    {
        // Not measured: the first events of a fresh process pay for compiling its queries and code.
        await BacklogRateAsync(settings.Warmup);
    }

    var drained = await BacklogRateAsync(settings.RateBurst);
    rates.Add((size, drained));
    Console.WriteLine($"register {size:N0}: a backlog of {settings.RateBurst:N0} grants applied at {drained} " +
        $"({drained.Rate / rates[0].Drained.Rate:P0} of the rate at {rates[0].Size:N0}, " +
        $"{drained.PlansCpuMicros / rates[0].Drained.PlansCpuMicros:P0} of its Plans CPU per event)");
}

await PlatformsBurst.RunAsync(gateway, backlog, settings, rates[^1].Drained);

var (bigRate, bigReflected) = await BurstAsync(settings.Burst);
Console.WriteLine($"register {register.Enterprises.Count:N0}: burst of {settings.Burst:N0} grants applied at {bigRate:N0} events/s, reflected in both plans {bigReflected.TotalSeconds:0.0} s after the last grant was accepted");

var latencies = new List<double>();
for (var i = 0; i < settings.Sequential; i++)
{
    var (jinghai, tianjin) = (await gateway.ActualAsync("JH-STI-14FYP", "T1-04"), await gateway.ActualAsync("TJ-STI-14FYP", "T1-05"));
    var clock = Stopwatch.StartNew();
    await gateway.GrantAsync(free.Dequeue(), TimeProvider.System.Today().AddDays(-1));
    await UntilAsync(async () => await gateway.ActualAsync("JH-STI-14FYP", "T1-04") >= jinghai + 1
        && await gateway.ActualAsync("TJ-STI-14FYP", "T1-05") >= tianjin + 1, TimeSpan.FromMilliseconds(5));
    latencies.Add(clock.Elapsed.TotalMilliseconds);
}

latencies.Sort();
Console.WriteLine($"register {register.Enterprises.Count:N0}: {settings.Sequential} sequential grants, grant -> both indicators p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms");
return;

double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];

// The engine's own rate: the burst's events wait in the stream while Plans is stopped, then it drains them.
async Task<Drained> BacklogRateAsync(int count)
{
    var jinghai = await gateway.ActualAsync("JH-STI-14FYP", "T1-04");
    var codes = Enumerable.Range(0, count).Select(_ => free.Dequeue()).ToList();
    var started = DateTimeOffset.UtcNow;
    var grantedOn = TimeProvider.System.Today().AddDays(-1);
    await backlog.StopPlansAsync();
    await Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency },
        async (code, _) => await gateway.GrantAsync(code, grantedOn));
    var drained = await backlog.DrainAsync(new Publisher(settings.EnterprisesDatabase, "QualificationGranted"), count, started, settings.Timeout);
    await UntilAsync(async () => await gateway.ActualAsync("JH-STI-14FYP", "T1-04") >= jinghai + count, TimeSpan.FromMilliseconds(100));
    return drained;
}

async Task<(double Rate, TimeSpan Reflected)> BurstAsync(int count)
{
    var jinghai = await gateway.ActualAsync("JH-STI-14FYP", "T1-04");
    var tianjin = await gateway.ActualAsync("TJ-STI-14FYP", "T1-05");
    var codes = Enumerable.Range(0, count).Select(_ => free.Dequeue()).ToList();
    var started = DateTimeOffset.UtcNow;
    var grantedOn = TimeProvider.System.Today().AddDays(-1);
    var sending = Stopwatch.StartNew();
    await Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency },
        async (code, _) => await gateway.GrantAsync(code, grantedOn));
    Console.WriteLine($"  {count:N0} grants accepted in {sending.Elapsed.TotalSeconds:0.0} s ({count / sending.Elapsed.TotalSeconds:N0}/s at concurrency {settings.Concurrency})");
    var accepted = Stopwatch.StartNew();
    await UntilAsync(async () => await gateway.ActualAsync("JH-STI-14FYP", "T1-04") >= jinghai + count
        && await gateway.ActualAsync("TJ-STI-14FYP", "T1-05") >= tianjin + count, TimeSpan.FromMilliseconds(100));
    var reflected = accepted.Elapsed;
    return (await AppliedRateAsync(started), reflected);
}

// Events per second between the first and the last QualificationGranted applied since the burst began.
async Task<double> AppliedRateAsync(DateTimeOffset since)
{
    await using var connection = new NpgsqlConnection(settings.PlansDatabase);
    await connection.OpenAsync();
    await using var query = new NpgsqlCommand(
        "SELECT count(*), min(\"AppliedAt\"), max(\"AppliedAt\") FROM \"InboxMessages\" WHERE \"Type\" = 'QualificationGranted' AND \"AppliedAt\" >= @since",
        connection);
    query.Parameters.AddWithValue("since", since);
    await using var reader = await query.ExecuteReaderAsync();
    await reader.ReadAsync();
    var applied = reader.GetInt64(0);
    var seconds = (reader.GetFieldValue<DateTimeOffset>(2) - reader.GetFieldValue<DateTimeOffset>(1)).TotalSeconds;
    return seconds > 0 ? (applied - 1) / seconds : double.NaN;
}

Task UntilAsync(Func<Task<bool>> condition, TimeSpan pause) =>
    Polling.UntilAsync(condition, pause, settings.Timeout, "The indicators did not follow the register");
