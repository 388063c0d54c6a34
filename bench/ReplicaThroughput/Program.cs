using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MetricEngineBench;
using StackExchange.Redis;
using TestSupport;

// Issue #17: the same write-heavy load (register an enterprise, then grant it HighTech) through the
// front of the replica topology, first with two replicas of Enterprises and Plans, then with one
// (the second of each stopped, the rest unchanged), printing writes/s, p50/p99, the time Plans takes
// to apply the events once the load stops, the services' CPU per write, and the ratio of the two.
// Arguments: --front URL --client-id ID --client-secret SECRET --redis HOST:PORT --run-dir DIR
//            [--duration 20] [--callers 16] [--warmup 5]
var options = args.Chunk(2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
var duration = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("duration", "20"), CultureInfo.InvariantCulture));
var warmup = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("warmup", "5"), CultureInfo.InvariantCulture));
var callers = int.Parse(options.GetValueOrDefault("callers", "16"), CultureInfo.InvariantCulture);
var runDirectory = options["run-dir"];
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 128 }) { BaseAddress = new Uri(options["front"]) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
await using var redis = await ConnectionMultiplexer.ConnectAsync(options["redis"]);
var random = new Random(20261202);
string[] districts = ["120101", "120110", "120112", "120116", "120118"];

Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {callers} callers, {duration.TotalSeconds:0} s per case");
await LoadAsync(warmup);
var two = await CaseAsync("2 replicas");
foreach (var replica in new[] { "enterprises-2", "plans-2" })
{
    using var stop = Process.Start("kill", ["-TERM", PidOf(replica).ToString(CultureInfo.InvariantCulture)]);
    await stop.WaitForExitAsync();
}

// The gateways' active health checks (every 2 s) take the stopped replicas out.
await Task.Delay(TimeSpan.FromSeconds(10));
var one = await CaseAsync("1 replica");
Console.WriteLine($"ratio 2 replicas / 1 replica: {two / one:0.00}x writes/s");

async Task<double> CaseAsync(string name)
{
    var pids = Directory.GetFiles(runDirectory, "*.pid").Select(Path.GetFileNameWithoutExtension)
        .Where(n => n!.StartsWith("enterprises-", StringComparison.Ordinal) || n.StartsWith("plans-", StringComparison.Ordinal))
        .Select(n => PidOf(n!)).Where(pid => File.Exists($"/proc/{pid}/stat")).ToList();
    var cpuBefore = pids.Sum(pid => ProcessCpu.Of(pid).TotalMicroseconds);
    var (latencies, errors) = await LoadAsync(duration);
    var loadEnded = Stopwatch.StartNew();
    await DrainedAsync();
    var drain = loadEnded.Elapsed;
    var cpu = pids.Sum(pid => ProcessCpu.Of(pid).TotalMicroseconds) - cpuBefore;
    latencies.Sort();
    var rate = latencies.Count / duration.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-11}: {rate,6:0} writes/s, p50 {latencies[latencies.Count / 2],5:0} ms, p99 {latencies[(int)(latencies.Count * 0.99)],5:0} ms, " +
        $"{errors} errors, events applied by Plans {drain.TotalSeconds:0.0} s after the load, " +
        $"Enterprises+Plans CPU {cpu / latencies.Count:0} µs per write"));
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

int PidOf(string replica) => int.Parse(File.ReadAllText(Path.Combine(runDirectory, replica + ".pid")).Trim(), CultureInfo.InvariantCulture);

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
