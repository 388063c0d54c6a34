extern alias plans;
extern alias enterprises;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using TestSupport;

var n = args.Length > 0 ? int.Parse(args[0]) : 5000;
var only = args.Length > 1 ? args[1] : null;

if (only == "plans-region")
{
    await using var host = new PlansHost();
    var client = host.ClientWith(null);
    for (var round = 0; round < 40; round++)
    {
        await Measure("plans region", client, "/api/v1/regions/120118", n);
        if (round == 5)
        {
            File.WriteAllText("/tmp/harness.warm", "warm");
        }
    }
}

if (only is null or "plans")
{
    await using var planFactory = new PlansHost();
    var anon = planFactory.ClientWith(null);
    await Measure("plans bare", anon, "/bench/bare", n);
    await Measure("plans region", anon, "/api/v1/regions/120118", n);
    await Measure("plans regions list", anon, "/api/v1/regions?kind=district", n);
    await Measure("plans bare", anon, "/bench/bare", n);
    await Measure("plans region", anon, "/api/v1/regions/120118", n);
    await Measure("plans region with token", planFactory.CreateClient(), "/api/v1/regions/120118", n);
}

if (only is null or "enterprises")
{
    await using var entFactory = new EnterprisesHost();
    var admin = entFactory.CreateClient();
    var csv = "creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn\n" + string.Join("\n",
        Enumerable.Range(0, 200).Select(i => $"{CreditCodes.New("120118", new Random(i))},静海企业{i},,120118,,新材料,2015-06-01"));
    var import = await admin.PostAsync("/api/v1/enterprises/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
    Console.WriteLine($"import: {(int)import.StatusCode}");
    await Measure("enterprises bare", admin, "/bench/bare", n);
    await Measure("enterprises list", admin, "/api/v1/enterprises?pageSize=10", n);
    await Measure("enterprises bare", admin, "/bench/bare", n);
    await Measure("enterprises list", admin, "/api/v1/enterprises?pageSize=10", n);
}

static async Task Measure(string name, HttpClient client, string path, int n)
{
    for (var i = 0; i < Math.Min(n, 2000); i++)
    {
        using var warm = await client.GetAsync(path);
        warm.EnsureSuccessStatusCode();
        await warm.Content.ReadAsByteArrayAsync();
    }

    var process = Process.GetCurrentProcess();
    GC.Collect();
    var cpu0 = process.TotalProcessorTime;
    var alloc0 = GC.GetTotalAllocatedBytes(true);
    var gen0 = GC.CollectionCount(0);
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < n; i++)
    {
        using var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
    }

    watch.Stop();
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpu0).TotalMicroseconds / n;
    var alloc = (GC.GetTotalAllocatedBytes(true) - alloc0) / n;
    Console.WriteLine($"{name,-28} {cpu,8:0.0} µs CPU/req {watch.Elapsed.TotalMicroseconds / n,8:0.0} µs wall/req {alloc,8} B/req gen0 {GC.CollectionCount(0) - gen0}");
}

sealed class PlansHost() : ServiceApiFactory<plans::Program>("plans")
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Bench:BareEndpoint", "true");
        builder.UseSetting("Seeds:LoadOnStartup", "false");
    }
}

sealed class EnterprisesHost() : ServiceApiFactory<enterprises::Program>("enterprises")
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Bench:BareEndpoint", "true");
    }
}
