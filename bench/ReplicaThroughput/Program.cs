using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MetricEngineBench;
using ReplicaThroughput;
using StackExchange.Redis;
using TestSupport;

// Issue #17: the same write-heavy load (register an enterprise, then grant it HighTech) through the
// front of the replica topology, with two replicas of Enterprises and Plans and with one (the second
// of each stopped, the rest unchanged), in alternating rounds so that neither case alone gets the
// processes' first minutes or their warmed-up code. Each case prints writes/s, p50/p99, the time Plans
// takes to apply the events once the load stops and the services' CPU per write; the end prints the
// ratio of the two cases' medians.
// Arguments: --front URL --client-id ID --client-secret SECRET --redis HOST:PORT --run-dir DIR
//            [--duration 20] [--callers 16] [--warmup 10] [--rounds 2]
var options = args.Chunk(2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
var duration = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("duration", "20"), CultureInfo.InvariantCulture));
var warmup = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("warmup", "10"), CultureInfo.InvariantCulture));
var callers = int.Parse(options.GetValueOrDefault("callers", "16"), CultureInfo.InvariantCulture);
var rounds = int.Parse(options.GetValueOrDefault("rounds", "2"), CultureInfo.InvariantCulture);
var runDirectory = options["run-dir"];
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 128 }) { BaseAddress = new Uri(options["front"]) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
await using var redis = await ConnectionMultiplexer.ConnectAsync(options["redis"]);
var random = new Random(20261202);
string[] districts = ["120101", "120110", "120112", "120116", "120118"];
string[] second = ["enterprises-2", "plans-2"];
var restarted = new List<Process>();

Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {callers} callers, {duration.TotalSeconds:0} s per case, {rounds} rounds");
try
{
    await QuietAsync();
    await LoadAsync(warmup);
    var two = new List<double>();
    var one = new List<double>();
    for (var round = 1; round <= rounds; round++)
    {
        two.Add(await CaseAsync($"2 replicas, round {round}"));
        var stopped = new List<StoppedReplica>();
        foreach (var replica in second)
        {
            stopped.Add(await StoppedReplica.StopAsync(replica, runDirectory));
        }

        // The gateways' active health checks (every 2 s) take the stopped replicas out.
        await Task.Delay(TimeSpan.FromSeconds(10));
        one.Add(await CaseAsync($"1 replica,  round {round}"));
        foreach (var replica in stopped)
        {
            restarted.Add(await replica.StartAsync(probe));
        }

        // ... and put them back; their first requests are a warm-up of their own, outside the figures.
        await QuietAsync();
        await LoadAsync(warmup);
    }

    Console.WriteLine($"ratio 2 replicas / 1 replica (medians): {Median(two) / Median(one):0.00}x writes/s");
}
finally
{
    foreach (var process in restarted.Where(p => !p.HasExited))
    {
        using var stop = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await stop.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

// Waits until the services are idle (under a tenth of a core per process over 3 s, at most 3 minutes):
// the start-up reconciliation and the first minutes' compilation of a process are not the load's cost.
async Task QuietAsync()
{
    var giveUpAt = DateTime.UtcNow.AddMinutes(3);
    while (DateTime.UtcNow < giveUpAt)
    {
        var before = CpuByKind();
        await Task.Delay(TimeSpan.FromSeconds(3));
        if (CpuByKind().Sum(kind => kind.Value - before.GetValueOrDefault(kind.Key)) < Measured().Count() * 300_000)
        {
            return;
        }
    }
}

// The CPU time of each kind of process so far, in microseconds: enterprises, plans and gateway replicas
// named in the run folder and still running (a stopped replica's time stays out of both readings).
Dictionary<string, double> CpuByKind() =>
    Measured().GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Sum(r => ProcessCpu.Of(r.Pid).TotalMicroseconds));

IEnumerable<(string Kind, int Pid)> Measured() => Directory.GetFiles(runDirectory, "*-*.pid").Select(f => Path.GetFileNameWithoutExtension(f)!)
    .Select(n => (Kind: n[..n.LastIndexOf('-')], Pid: StoppedReplica.PidOf(n, runDirectory)))
    .Where(r => r.Kind is "enterprises" or "plans" or "gateway" && File.Exists($"/proc/{r.Pid}/stat"));

async Task<double> CaseAsync(string name)
{
    await QuietAsync();
    var cpuBefore = CpuByKind();
    var (latencies, errors) = await LoadAsync(duration);
    var loadEnded = Stopwatch.StartNew();
    await DrainedAsync();
    var drain = loadEnded.Elapsed;
    var cpu = CpuByKind().ToDictionary(kind => kind.Key, kind => kind.Value - cpuBefore.GetValueOrDefault(kind.Key));
    latencies.Sort();
    var rate = latencies.Count / duration.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-21}: {rate,6:0} writes/s, p50 {latencies[latencies.Count / 2],5:0} ms, p99 {latencies[(int)(latencies.Count * 0.99)],5:0} ms, " +
        $"{errors} errors, events applied by Plans {drain.TotalSeconds:0.0} s after the load, " +
        $"CPU per write: Enterprises {cpu["enterprises"] / latencies.Count:0} µs, Plans {cpu["plans"] / latencies.Count:0} µs, " +
        $"gateways {cpu["gateway"] / latencies.Count:0} µs"));
    return rate;
}

async Task<(List<double> Latencies, int Errors)> LoadAsync(TimeSpan length)
{
    var latencies = new List<double>();
    var errors = 0;
    var until = DateTime.UtcNow + length;
    await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        while (DateTime.UtcNow < until)
        {
            string creditCode;
            lock (random)
            {
                creditCode = CreditCodes.New(districts[random.Next(districts.Length)], random);
            }

            foreach (var write in new Func<Task<HttpResponseMessage>>[]
            {
                () => http.PostAsJsonAsync("/api/v1/enterprises", new
                {
                    creditCode, name = $"天津副本基准科技有限公司{creditCode[^8..]}", regionCode = creditCode[2..8], industry = "新材料", foundedOn = "2019-05-01",
                }),
                () => http.PostAsJsonAsync($"/api/v1/enterprises/{creditCode}/qualifications",
                    new { type = "HighTech", certificateNumber = $"GR{creditCode[^10..]}", grantedOn = "2026-11-01" }),
            })
            {
                var clock = Stopwatch.StartNew();
                using var response = await write();
                lock (latencies)
                {
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        latencies.Add(clock.Elapsed.TotalMilliseconds);
                    }
                    else
                    {
                        errors++;
                    }
                }
            }
        }
    })));
    return (latencies, errors);
}

async Task DrainedAsync()
{
    var database = redis.GetDatabase();
    var giveUpAt = DateTime.UtcNow.AddMinutes(5);
    while (true)
    {
        var group = (await database.StreamGroupInfoAsync("sti:events:enterprises")).Single(g => g.Name == "plans");
        if (group is { PendingMessageCount: 0, Lag: 0 })
        {
            return;
        }

        if (DateTime.UtcNow > giveUpAt)
        {
            throw new TimeoutException($"Plans had not applied the events 5 minutes after the load: {group.PendingMessageCount} pending, lag {group.Lag}.");
        }

        await Task.Delay(100);
    }
}

async Task<string> TokenAsync()
{
    using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(
    [
        KeyValuePair.Create("grant_type", "client_credentials"),
        KeyValuePair.Create("client_id", options["client-id"]),
        KeyValuePair.Create("client_secret", options["client-secret"]),
    ]));
    response.EnsureSuccessStatusCode();
    return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
}
